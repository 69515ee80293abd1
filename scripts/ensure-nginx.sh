#!/usr/bin/env bash
# Sourced by the benchmarks that need a sink that is not the bottleneck: sets `nginx` to the nginx
# binary, installing nginx-light with apt-get when it is missing.
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$nginx" ]; then
    sudo=()
    if [ "$(id -u)" != 0 ]; then sudo=(sudo); fi
    "${sudo[@]}" apt-get update >/dev/null
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y nginx-light >/dev/null
    nginx=/usr/sbin/nginx
fi
