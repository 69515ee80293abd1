import HomingCore
import HomingEngine
import Testing

/// Idempotency keys are stored in outbox rows and sent to providers: their text must never change.
@Suite struct IdempotencyKeyTests {
    @Test func keyIsHmAndTheFirst16BytesOfTheSHA256OfTheNulSeparatedParts() {
        // sha256("win-back\01042\01\0c_7 Zoë\0email\0")[0..<16], computed outside Swift.
        let key = IdempotencyKey.make(
            journey: "win-back",
            enrolment: 1042,
            step: "1",
            customerID: "c_7 Zoë",
            channel: .email
        )
        #expect(key == "hm_ae3ef98647771a71121f442237eaa523")
    }

    @Test func everyPartChangesTheKey() {
        let base = IdempotencyKey.make(journey: "j", enrolment: 1, step: "1", customerID: "c", channel: .email)
        let variants = [
            IdempotencyKey.make(journey: "k", enrolment: 1, step: "1", customerID: "c", channel: .email),
            IdempotencyKey.make(journey: "j", enrolment: 2, step: "1", customerID: "c", channel: .email),
            IdempotencyKey.make(journey: "j", enrolment: 1, step: "2", customerID: "c", channel: .email),
            IdempotencyKey.make(journey: "j", enrolment: 1, step: "1", customerID: "d", channel: .email),
            IdempotencyKey.make(journey: "j", enrolment: 1, step: "1", customerID: "c", channel: .sms),
        ]
        #expect(Set(variants + [base]).count == 6)
    }
}
