#!/usr/bin/env python3
"""Rewrite the string literal NAME in a Swift file with the text of a YAML file.

usage: scripts/embed-config.py SWIFT_FILE NAME YAML_FILE

The shipped config is compiled in (DefaultConfig) so `homing` runs outside the repository;
ShippedConfigTests fail until the copies are refreshed with this script.
"""
import re, sys

swift_file, name, yaml_file = sys.argv[1:4]
text = open(yaml_file, encoding="utf-8").read()
body = "".join(("        " + line if line.strip() else line.rstrip(" ")) for line in text.splitlines(True))
body = body.replace("\\", "\\\\").replace('"""', '\\"""')
source = open(swift_file, encoding="utf-8").read()
pattern = re.compile(r'(static let ' + re.escape(name) + r'(?:: String)? = """\n)(.*?)(\n        """)', re.S)
if not pattern.search(source):
    sys.exit(f"{swift_file}: no literal {name}")
source = pattern.sub(lambda m: m.group(1) + body.rstrip("\n") + m.group(3), source, count=1)
open(swift_file, "w", encoding="utf-8").write(source)
