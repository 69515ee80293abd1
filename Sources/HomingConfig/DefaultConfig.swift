/// The shipped `config/*.yaml`, compiled in so `homing` runs outside the repository.
/// A test checks these stay identical to the files in `config/`.
public enum DefaultConfig {
    public static let homingYAML = """
        # Homing settings. Secrets never go here: later sections name the environment variables that hold them.

        store:
          # The embedded SQLite file; --db or HOMING_DB override it.
          path: homing.db

        # Reports and RFM monetary values are in this currency (ISO 4217).
        base_currency: EUR

        # Units of each currency per 1 unit of the base currency (DESIGN.md §4.2).
        # An order in a currency missing here is refused at import, naming the currency.
        fx_rates:
          USD: 1.08
          GBP: 0.85
          CAD: 1.48
          CNY: 7.80
          TWD: 35.0
          JPY: 162.0
          CHF: 0.95

        # Messages fall back to this locale when a customer's has no template (DESIGN.md §4.5).
        default_locale: en

        # Who messages come from, and where their links point. public_url is where `homing serve` answers
        # unsubscribe links; link_secret_env names the environment variable holding the secret that signs
        # them (e.g. `export HOMING_LINK_SECRET=$(openssl rand -hex 32)`); never put the secret here.
        shop:
          name: Maison Lumière
          url: https://shop.example.com
          postal_address: 12 rue des Lilas, 75011 Paris, France
          support_email: help@shop.example.com
          public_url: http://127.0.0.1:8080
          link_secret_env: HOMING_LINK_SECRET

        # Used for customers whose time zone is unknown.
        default_timezone: UTC

        # Delivery controls, checked when a message is about to go out (DESIGN.md §5).
        delivery:
          # No messages on these channels between these hours in the recipient's time zone (default_timezone
          # when unknown); a message due inside waits for the end. "HH:MM-HH:MM" may wrap midnight; off = none.
          # A channel left out keeps its default: sms 21:00-08:00, push 22:00-08:00, email and webhook off.
          quiet_hours:
            sms: "21:00-08:00"
            push: "22:00-08:00"
            email: off

          # Marketing frequency caps; transactional messages neither count nor wait. Without channel a cap
          # counts every channel together. per: 45s, 30m, 12h, 3d or 2w. action: defer (hold the message
          # until the cap allows it) or skip (drop it); the reason is recorded either way.
          caps:
            - { channel: email, limit: 1, per: 16h, action: defer }
            - { limit: 3, per: 7d, action: skip }
        """

    public static let segmentsYAML = """
        # RFM segments (DESIGN.md §4.3). Scores run from 1 (worst) to 5 (best).

        # quantile: 1 + floor(5 × customers strictly worse / customers); equal values share a score.
        # ntile: SQL NTILE(5), worse first, ties by customer_id. thresholds: the cut points below.
        method: quantile

        # Used by method: thresholds only. Four ascending cut points per dimension: a value at or below the
        # k-th cut point is in band k. Recency counts down (≤ 30 days scores 5, over 365 scores 1); frequency
        # and monetary count up (1 order scores 1, more than 8 score 5). Monetary is in base currency units.
        thresholds:
          recency_days: [30, 90, 180, 365]
          frequency: [1, 2, 4, 8]
          monetary: [50, 150, 400, 1000]

        # First match wins. Conditions on r, f and m: 3, "<= 2", ">= 4", "2..4" or a list [1, 2].
        # A rule without conditions catches everyone left; the list must leave nobody out.
        rules:
          - { segment: lost, r: "<= 2", f: "<= 2", m: "<= 2" }
          - { segment: hibernating, r: "<= 2", f: "<= 2" }
          - { segment: at_risk, r: "<= 2", f: "<= 4" }
          - { segment: cannot_lose, r: "<= 2" }
          - { segment: about_to_sleep, r: 3, f: "<= 2" }
          - { segment: need_attention, r: 3, f: 3 }
          - { segment: loyal, r: "<= 4", f: ">= 4" }
          - { segment: promising, r: 4, f: 1 }
          - { segment: new_customers, r: 5, f: 1 }
          - { segment: potential_loyalist, f: "<= 3" }
          - { segment: champions }
        """
}
