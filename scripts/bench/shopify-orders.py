"""Writes COUNT signed Shopify order webhooks, one per line: event id, HMAC, body (tab-separated).

Usage: python3 shopify-orders.py COUNT SECRET OUT
Each order is new; customers repeat over a pool of 20,000, so the server both inserts and
updates them. Bodies have Shopify's layout and some non-ASCII text, about 900 bytes each.
"""
import base64, hashlib, hmac, json, sys

count, secret, out = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]
locales = ["en", "fr", "zh-CN", "zh-TW", "en-GB", "fr-CA"]
names = ["Zoé", "Léa", "美玲", "志明", "Amelia", "Noah"]
with open(out, "w", encoding="utf-8") as file:
    for i in range(count):
        customer = i % 20000
        order = {
            "id": 5_000_000_000 + i, "email": f"c{customer}@example.com", "currency": "EUR",
            "created_at": "2026-11-24T09:00:00+01:00", "processed_at": "2026-11-24T09:00:02+01:00",
            "total_price": f"{19 + i % 300}.90", "financial_status": "paid", "cancelled_at": None,
            "customer_locale": locales[i % 6],
            "line_items": [
                {"name": "Théière en fonte – 1,2 L", "quantity": 1, "price": "49.00", "sku": f"TEA-{i % 40}"},
                {"name": "Thé vert 绿茶", "quantity": 2, "price": "12.50", "sku": "GREEN-1"},
            ],
            "discount_codes": [{"code": "MERCI10", "amount": "5.00", "type": "percentage"}] if i % 4 == 0 else [],
            "customer": {
                "id": 9_000_000 + customer, "email": f"c{customer}@example.com", "first_name": names[i % 6],
                "last_name": "Martin", "created_at": "2025-01-02T09:00:00+01:00",
                "email_marketing_consent": {"state": "subscribed"}, "default_address": {"country_code": "FR"},
            },
        }
        body = json.dumps(order, ensure_ascii=False, separators=(",", ":"))
        mac = base64.b64encode(hmac.new(secret, body.encode(), hashlib.sha256).digest()).decode()
        file.write(f"evt-{i}\t{mac}\t{body}\n")
