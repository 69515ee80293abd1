import Testing

@testable import HomingSink

/// RFC 2047 subjects as the sink records them.
@Suite struct EncodedWordDecoderTests {
    @Test(arguments: [
        ("plain subject", "plain subject"),
        ("=?UTF-8?B?5qyi6L+O5Zue5p2l?=", "欢迎回来"),
        ("=?utf-8?q?Caf=C3=A9_au_lait?=", "Café au lait"),
        ("=?UTF-8?B?5qyi6L+O?= =?UTF-8?B?5Zue5p2l?=", "欢迎回来"),
        ("Re: =?ISO-8859-1?Q?Gr=FC=DFe?= from us", "Re: Grüße from us"),
        ("=?KOI8-R?B?8NLJ18XU?=", "=?KOI8-R?B?8NLJ18XU?="),
        ("broken =?UTF-8?X?abc?= end", "broken =?UTF-8?X?abc?= end"),
    ])
    func decodes(encoded: String, decoded: String) {
        #expect(EncodedWordDecoder.decode(encoded) == decoded)
    }
}
