import HomingChannels
import Testing

@Suite struct HTTPHeadersTests {
    @Test func lookupIgnoresCaseAndKeepsEveryValueInOrder() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain"]
        headers.add("Link", "<a>")
        headers.add("LINK", "<b>")

        #expect(headers["content-type"] == "text/plain")
        #expect(headers.values(for: "link") == ["<a>", "<b>"])
        #expect(headers["missing"] == nil)

        headers.set("link", "<c>")
        #expect(headers.values(for: "Link") == ["<c>"])
        headers.remove("CONTENT-TYPE")
        #expect(!headers.contains("content-type"))
        #expect(headers.count == 1)
    }
}
