import Foundation
import Testing

@testable import HomingChannels

/// The webhook's flat objects are written as bytes; they must be what `JSONEncoder` wrote before.
@Suite struct WebhookBodyTests {
    @Test func fieldsAreTheBytesJSONEncoderWritesWithSortedKeys() throws {
        let fields = [
            "event": "win-back-offer", "customer_id": "c_1042", "journey": "win-back",
            "text": "Zoë said \"hi\"\n\tpath a/b \\ 陳 \u{1}", "channel": "email", "": "empty key",
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = Array(try encoder.encode(fields))
        #expect(WebhookAdapter.body(.fields(fields)) == expected)
        #expect(WebhookAdapter.body(.fields([:])) == Array("{}".utf8))
    }
}
