import HomingCore
import Testing

@Suite struct ContactValidationTests {
    @Test(arguments: [
        "zoe@example.fr", "first.last+tag@sub.example.co.uk", "\"odd person\"@example.com", "王伟@例子.中国",
        "o'brien@example.ie",
    ])
    func acceptsAddrSpecs(email: String) {
        #expect(ContactValidation.emailProblem(email) == nil)
    }

    @Test(arguments: [
        "zoe", "zoe@", "@example.com", "zoe@example", "zo..e@example.com", ".zoe@example.com", "zoe@-example.com",
        "zoe smith@example.com", "zoe@exa_mple.com",
    ])
    func refusesWhatIsNotAnAddress(email: String) {
        #expect(ContactValidation.emailProblem(email) != nil)
    }

    @Test(arguments: ["+33612345678", "+14155550100", "+886912345678", "+2901234"])
    func acceptsE164(phone: String) {
        #expect(ContactValidation.phoneProblem(phone) == nil)
    }

    @Test(arguments: ["0612345678", "+33 6 12 34 56 78", "+0612345678", "+1234567890123456", "+33-612345678", "+123"])
    func refusesNonE164(phone: String) {
        #expect(ContactValidation.phoneProblem(phone) != nil)
    }

    @Test func timeZonesAndCountries() {
        #expect(ContactValidation.timeZoneProblem("Europe/Paris") == nil)
        #expect(ContactValidation.timeZoneProblem("Asia/Taipei") == nil)
        #expect(ContactValidation.timeZoneProblem("UTC") == nil)
        #expect(ContactValidation.timeZoneProblem("Paris") != nil)
        #expect(ContactValidation.timeZoneProblem("CET+1") != nil)
        #expect(ContactValidation.countryProblem("FR") == nil)
        #expect(ContactValidation.countryProblem("TW") == nil)
        #expect(ContactValidation.countryProblem("fr") != nil)
        #expect(ContactValidation.countryProblem("XX") != nil)
    }
}
