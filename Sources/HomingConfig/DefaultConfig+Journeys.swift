extension DefaultConfig {
    /// The shipped `config/journeys/*.yaml`, by file name; a test checks they equal the files.
    public static let journeysYAML: [String: String] = [
        "post-purchase.yaml": postPurchaseYAML,
        "welcome.yaml": welcomeYAML,
        "win-back.yaml": winBackYAML,
    ]

    static let postPurchaseYAML = """
        # Post-purchase: thanks every buyer, asks for a review after a week, suggests more after two.
        id: post-purchase
        description: Thanks each order at once, asks for a review after 7 days and cross-sells after 14.

        # A customer enters with every completed order.
        entry: order_completed

        # One enrolment per order: the store's unique key on (journey, customer, order) refuses a second.
        reentry: per_trigger

        steps:
          # An order confirmation: frequency caps do not hold it back; consent still applies.
          - id: thanks
            send: post-purchase-thanks
            channels: [email]
            transactional: true

          - wait: 7d

          - id: review
            send: post-purchase-review
            channels: [email, push]

          # Another 7 days: 14 days after the order.
          - wait: 7d

          # A customer who ordered again has their own post-purchase journey running.
          - exit_if: ordered_since_entry

          - id: cross-sell
            send: post-purchase-cross-sell
            channels: [email]
        """

    static let welcomeYAML = """
        # Welcome: greets every new customer, then nudges those who have not ordered within three days.
        id: welcome
        description: Greets new customers at once and nudges them towards a first order three days later.

        # A customer enters when they first arrive, by CSV import or webhook.
        entry: customer_created

        # Once per customer, ever.
        reentry: never

        steps:
          # At once, on the first of these channels the customer consented to and has an address for.
          - id: hello
            send: welcome
            channels: [email, push, sms]

          - wait: 3d

          # Whoever ordered in the meantime needs no nudge.
          - exit_if: ordered_since_entry

          - id: nudge
            send: welcome-nudge
            channels: [email, push]
        """

    static let winBackYAML = """
        # Win-back: brings lapsing customers back with a reminder, an offer and a last word.
        id: win-back
        description: Reaches customers who slipped into at_risk, cannot_lose or hibernating, with a 15% offer.

        # A saved segment snapshot that moves a customer into one of these segments enrols them;
        # `homing launch win-back --segment at_risk` enrols a whole segment by hand.
        entry:
          segment_entered: [at_risk, cannot_lose, hibernating]

        # Only customers still in these segments, with consent to at least one channel.
        audience:
          segments: [at_risk, cannot_lose, hibernating]
          consent: any

        # A customer may come through again 90 days after their previous entry.
        reentry:
          after: 90d

        # 10% of entrants, chosen from a hash of (journey, customer), receive nothing: the control group
        # the uplift report compares against.
        holdout: 10%

        # An order within 30 days of entry ends the journey and counts as a conversion.
        goal:
          order_within: 30d

        steps:
          - id: miss-you
            send: win-back-miss-you
            channels: [email]

          - wait: 5d
          - exit_if: ordered_since_entry

          # Each customer gets a code starting with COMEBACK, valid 14 days after it is planned.
          - id: offer
            send: win-back-offer
            channels: [email]
            offer: { percent: 15, valid_for: 14d, code_prefix: COMEBACK }

          - wait: 7d
          - exit_if: ordered_since_entry

          # Push if they have the app and agreed to it, else SMS; nothing for those who consented to neither.
          - id: last-chance
            send: win-back-last-chance
            channels: [push, sms]
        """
}
