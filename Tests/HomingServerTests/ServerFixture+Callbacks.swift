import Foundation
import HomingChannels
import HomingCore
import HomingServer
import HomingStore
import HomingTestSupport

/// What the provider callback tests add to the fixture: customers and sent messages to report
/// on, and a plain POST.
///
/// ```swift
/// let server = try await ServerFixture.start(providerCallbacks: keys)
/// defer { server.stop() }
/// try server.seedSentMessages()
/// let answer = try await server.post("/webhooks/providers/twilio", contentType: "…", body: bytes)
/// ```
extension ServerFixture {
    static let emailKey = "welcome:1:0:c1:email"
    static let smsKey = "welcome:1:1:c1:sms"
    static let sendGridMessageID = "Gs1Xk0bdRxWzFG9gvdRwXw"
    static let twilioMessageSID = "SM0123456789abcdef0123456789abcdef"
    static let publicURL = "https://homing.shop.example"

    func post(
        _ path: String,
        contentType: String?,
        headers: [(String, String)] = [],
        body: [UInt8]
    ) async throws
        -> HTTPResponse
    {
        var fields = headers.map { HTTPHeaders.Field(name: $0.0, value: $0.1) }
        if let contentType { fields.append(.init(name: "Content-Type", value: contentType)) }
        return try await transport.send(
            HTTPRequest(method: .post, url: base + path, headers: HTTPHeaders(fields), body: body)
        )
    }

    func consent(_ customerID: String) throws -> Consent? {
        try store.customer(id: customerID)?.consent
    }

    /// c1 and c2 share a phone; c3 stands apart. c1 has a sent email (SendGrid's id) and a sent
    /// SMS (Twilio's sid), as the dispatcher records them.
    func seedSentMessages() throws {
        let all = Consent(email: true, sms: true, push: false)
        let customers = [
            Customer(id: "c1", email: "Ana@Example.com", phone: "+33612345678", consent: all),
            Customer(id: "c2", email: "mei@example.com", phone: "+33612345678", consent: all),
            Customer(id: "c3", email: "zoe@example.com", phone: "+886912345678", consent: all),
        ]
        try store.importTransaction { transaction in
            _ = try transaction.upsert(
                customers: customers,
                presentColumns: ["email", "phone", "consent_email", "consent_sms", "consent_push"]
            )
            try transaction.finish()
            return ((), commit: true)
        }
        guard let c1 = try store.customerKeys()["c1"] else { throw TLSTestServer.ServerError("c1 was not imported") }
        let now = Instant.now
        try store.journeyTransaction { writer in
            let enrolment = NewEnrolment(
                journey: "welcome",
                customerKey: c1,
                triggerKey: "",
                enteredAt: now,
                segment: nil,
                state: .active
            )
            guard let id = try writer.insertEnrolment(enrolment) else {
                throw TLSTestServer.ServerError("no enrolment")
            }
            for (key, channel) in [(Self.emailKey, "email"), (Self.smsKey, "sms")] {
                let row = NewOutboxRow(
                    key: key,
                    enrolmentID: id,
                    journey: "welcome",
                    stepID: channel,
                    message: "welcome",
                    channel: channel,
                    customerKey: c1,
                    transactional: false,
                    dueAt: now
                )
                try writer.insertOutbox(row, now: now)
            }
            return ((), commit: true)
        }
        let claimed = try store.claimDue(now: now, limit: 10, lease: .seconds(30), worker: "test")
        let records = claimed.map { row in
            let id = row.channel == "email" ? Self.sendGridMessageID : Self.twilioMessageSID
            return DeliveryRecord(
                outboxID: row.id,
                channel: row.channel,
                result: .sent(providerMessageID: id, locale: "en")
            )
        }
        try store.record(records, worker: "test", now: now)
    }
}

/// A form body as Twilio sends it: names and values percent-encoded, spaces as `+`.
func formBody(_ fields: [(name: String, value: String)]) -> [UInt8] {
    let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._* ")
    func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: " ", with: "+")
    }
    return Array(fields.map { escape($0.name) + "=" + escape($0.value) }.joined(separator: "&").utf8)
}
