import HomingChannels
import HomingCore
import Testing

/// The outcome of real SMTP reply texts from Postfix, Gmail, Exchange Online, Exim and Amazon SES.
@Suite struct SMTPReplyClassifierTests {
    static func outcome(_ code: Int, _ lines: String...) -> DeliveryOutcome {
        SMTPReplyClassifier.outcome(for: SMTPResponse(code: code, lines: lines))
    }

    static func kind(_ outcome: DeliveryOutcome) -> String {
        switch outcome {
        case .delivered: "delivered"
        case .retryable: "retryable"
        case .permanentFailure: "permanent"
        case .invalidRecipient: "invalidRecipient"
        }
    }

    static let refusals: [(code: Int, lines: [String], kind: String)] = [
        // Postfix
        (
            550, ["550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown in virtual mailbox table"],
            "invalidRecipient"
        ),
        (450, ["450 4.1.8 <b@nowhere.example>: Sender address rejected: Domain not found"], "retryable"),
        (554, ["554 5.7.1 <a@example.com>: Relay access denied"], "permanent"),
        (452, ["452 4.3.1 Insufficient system storage"], "retryable"),
        (550, ["550 5.1.7 <bounces@shop.example>: Sender address rejected: undeliverable address"], "permanent"),
        // Gmail, multi-line
        (
            550,
            [
                "550-5.1.1 The email account that you tried to reach does not exist. Please try",
                "550-5.1.1 double-checking the recipient's email address for typos or",
                "550 5.1.1 https://support.google.com/mail/?p=NoSuchUser d9-20020a05 - gsmtp",
            ], "invalidRecipient"
        ),
        (
            421,
            [
                "421-4.7.0 Try again later, closing connection. (EHLO)",
                "421 4.7.0 https://support.google.com/mail - gsmtp",
            ],
            "retryable"
        ),
        (
            550,
            [
                "550-5.7.26 Unauthenticated email from shop.example is not accepted",
                "550 5.7.26 due to DMARC policy - gsmtp",
            ],
            "permanent"
        ),
        // Exchange Online
        (
            550,
            ["550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient gone@contoso.com not found by SMTP address lookup"],
            "invalidRecipient"
        ),
        (550, ["550 5.1.0 Sender denied as sender's email address is not recognized"], "invalidRecipient"),
        (451, ["451 4.7.500 Server busy. Please try again later from [203.0.113.1]. (S77719)"], "retryable"),
        (
            535, ["535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant."],
            "permanent"
        ),
        // Servers without enhanced status codes
        (550, ["550 <gone@example.com>... User unknown"], "invalidRecipient"),
        (550, ["550 Requested action not taken: mailbox unavailable"], "permanent"),
        (554, ["554 Transaction failed: no such user here"], "permanent"),
    ]

    @Test(arguments: refusals)
    func refusalsAreClassified(code: Int, lines: [String], kind: String) {
        let outcome = SMTPReplyClassifier.outcome(for: SMTPResponse(code: code, lines: lines))
        #expect(Self.kind(outcome) == kind)
    }

    @Test func theDecidingReplyIsFoundAmongTheSessionsLines() {
        let outcome = Self.outcome(
            550,
            "250 2.1.0 Ok",
            "550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown",
            "221 2.0.0 Bye"
        )
        #expect(
            outcome
                == .invalidRecipient(
                    reason: "SMTP 550 5.1.1 <g***@example.com>: Recipient address rejected: User unknown"
                )
        )
    }

    @Test func multiLineReasonsKeepTheTextOnceWithAddressesMasked() {
        let outcome = Self.outcome(550, "550-5.1.1 Mailbox ada.l@example.com does not", "550 5.1.1 exist - gsmtp")
        #expect(
            outcome == .invalidRecipient(reason: "SMTP 550-5.1.1 Mailbox a***@example.com does not 5.1.1 exist - gsmtp")
        )
    }

    static let accepted: [(line: String, id: String?)] = [
        ("250 2.0.0 Ok: queued as 4Xb9Q71kz3z9vN", "4Xb9Q71kz3z9vN"),
        (
            "250 2.0.0 OK  1700000000 d9443c01a7336-1dc9b2d3b0csi1234567pll.123 - gsmtp",
            "d9443c01a7336-1dc9b2d3b0csi1234567pll.123"
        ),
        (
            "250 2.6.0 <DB9PR01MB1234.eurprd01.prod.exchangelabs.com@contoso.com> [InternalId=1234, Hostname=DB9PR01MB1234] "
                + "Queued mail for delivery", "DB9PR01MB1234.eurprd01.prod.exchangelabs.com@contoso.com"
        ),
        ("250 OK id=1rABCD-0001Xy-2Z", "1rABCD-0001Xy-2Z"),
        (
            "250 Ok 0100018b2c3d4e5f-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d-000000",
            "0100018b2c3d4e5f-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d-000000"
        ),
        ("250 2.0.0 Ok", nil),
        ("250 Message accepted for delivery", nil),
    ]

    @Test(arguments: accepted)
    func acceptanceCarriesTheQueueIDWhenThereIsOne(line: String, id: String?) {
        #expect(Self.outcome(250, "354 End data with <CR><LF>.<CR><LF>", line) == .delivered(providerMessageID: id))
    }
}
