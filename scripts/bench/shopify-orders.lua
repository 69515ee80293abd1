-- wrk script: each thread posts its own share of the pre-signed bodies in $BODIES (event id,
-- HMAC, body per line) and counts the answers; done() prints the totals the bench checks.
local threads = {}
local counter = 0

function setup(thread)
    thread:set("index", counter)
    counter = counter + 1
    table.insert(threads, thread)
end

function init(args)
    requests, position, ok, duplicate, other = {}, 0, 0, 0, 0
    local count = 0
    local line_number = 0
    for line in io.lines(os.getenv("BODIES")) do
        if line_number % 2 == index then
            local first = line:find("\t", 1, true)
            local second = line:find("\t", first + 1, true)
            count = count + 1
            requests[count] = wrk.format("POST", nil, {
                ["Content-Type"] = "application/json",
                ["X-Shopify-Topic"] = "orders/paid",
                ["X-Shopify-Event-Id"] = line:sub(1, first - 1),
                ["X-Shopify-Hmac-Sha256"] = line:sub(first + 1, second - 1),
                ["X-Shopify-Shop-Domain"] = "bench.myshopify.com",
            }, line:sub(second + 1))
        end
        line_number = line_number + 1
    end
end

function request()
    position = position % #requests + 1
    return requests[position]
end

function response(status, headers, body)
    if status == 200 and body:sub(1, 6) == '{"ok":' then
        ok = ok + 1
    elseif status == 200 then
        duplicate = duplicate + 1
    else
        other = other + 1
    end
end

function done(summary, latency, requests)
    local accepted, duplicates, others = 0, 0, 0
    for _, thread in ipairs(threads) do
        accepted = accepted + thread:get("ok")
        duplicates = duplicates + thread:get("duplicate")
        others = others + thread:get("other")
    end
    io.write(string.format("accepted (200): %d\n", accepted))
    io.write(string.format("duplicates (200): %d\n", duplicates))
    io.write(string.format("other answers: %d\n", others))
    io.write(string.format("p50 %.2f ms, p99 %.2f ms, %.0f requests/s\n", latency:percentile(50) / 1000,
        latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
