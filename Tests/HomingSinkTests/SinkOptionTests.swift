import HomingSink
import Testing

/// The option parsers behind `homing sink`: accepted forms and the error each bad value gets.
@Suite struct SinkOptionTests {
    @Test func ratesLatenciesAndShares() throws {
        #expect(try SinkFaults.parseRate("200/s") == 200)
        #expect(try SinkFaults.parseLatency("50ms") == .milliseconds(50))
        #expect(try SinkFaults.parseLatency("2s") == .seconds(2))
        #expect(try SinkFaults.parseFailRate("0.1") == 0.1)
        #expect(try SinkFaults.recipientPattern("^\\+1555").matches("+15550100"))
    }

    @Test(arguments: [
        ("--throttle", "abc", #"--throttle: "abc" is not RATE/s"#),
        ("--throttle", "0/s", #"--throttle: "0/s" is not RATE/s"#),
        ("--latency", "fast", #"--latency: "fast" is not a duration such as 50ms or 2s"#),
        ("--fail-rate", "1.5", #"--fail-rate: "1.5" is not a share from 0 to 1, such as 0.1"#),
        ("--reject-recipients", "(", #"--reject-recipients: "(" is not a regular expression"#),
    ])
    func badValuesSayWhichOptionAndWhatForm(option: String, value: String, message: String) {
        #expect {
            switch option {
            case "--throttle": _ = try SinkFaults.parseRate(value)
            case "--latency": _ = try SinkFaults.parseLatency(value)
            case "--fail-rate": _ = try SinkFaults.parseFailRate(value)
            default: _ = try SinkFaults.recipientPattern(value)
            }
        } throws: { error in
            (error as? SinkOptionError)?.description == message
        }
    }
}
