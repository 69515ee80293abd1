import HomingCore
import Testing

/// The holdout group is a fixed function of (journey, customer) and has the configured size.
@Suite struct HoldoutTests {
    /// Values computed independently (FNV-1a 64 then SplitMix64's finaliser, top 53 bits); if these
    /// change, every running journey's control group changes with them.
    @Test func fixedValuesForKnownIDs() {
        #expect(Holdout.unitValue(journeyID: "win-back", customerID: "c1") == 0.7994454392172333)
        #expect(Holdout.unitValue(journeyID: "win-back", customerID: "c42") == 0.597113975071503)
        #expect(Holdout.unitValue(journeyID: "welcome", customerID: "c3") == 0.09142771859482102)
        #expect(Holdout.isControl(journeyID: "win-back", customerID: "c8", share: 0.1))
        #expect(Holdout.isControl(journeyID: "win-back", customerID: "c32", share: 0.1))
        #expect(!Holdout.isControl(journeyID: "win-back", customerID: "c3", share: 0.1))
        // The same customer can be control in one journey and not in another.
        #expect(Holdout.isControl(journeyID: "welcome", customerID: "c3", share: 0.1))
    }

    @Test func sameAnswerEveryTime() {
        for index in 0..<1000 {
            let id = "customer-\(index)"
            let first = Holdout.isControl(journeyID: "win-back", customerID: id, share: 0.1)
            #expect(Holdout.isControl(journeyID: "win-back", customerID: id, share: 0.1) == first)
        }
    }

    @Test func tenPercentShareIsTenPercentOfCustomers() {
        let controls = (0..<100_000).filter {
            Holdout.isControl(journeyID: "win-back", customerID: "c\($0)", share: 0.1)
        }
        #expect((9_000...11_000).contains(controls.count))
    }

    @Test func zeroShareHoldsNobodyOut() {
        #expect(!(0..<1000).contains { Holdout.isControl(journeyID: "welcome", customerID: "c\($0)", share: 0) })
    }

    @Test func journeyAndCustomerAreSeparated() {
        // Without the NUL separator "ab"+"c" and "a"+"bc" would hash alike.
        #expect(
            Holdout.unitValue(journeyID: "ab", customerID: "c") != Holdout.unitValue(journeyID: "a", customerID: "bc")
        )
    }
}
