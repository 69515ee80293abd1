import Foundation

/// The proxies a ``Transport`` uses, read from the environment once, the way libcurl reads it.
///
/// ```swift
/// var configuration = TransportConfiguration()   // proxy: ProxyEnvironment(environment: the process's)
/// configuration.proxy = ProxyEnvironment(environment: ["https_proxy": "http://proxy.internal:3128",
///                                                      "no_proxy": "localhost,127.0.0.1"])
/// configuration.proxy = .none                     // direct connections whatever the environment says
/// ```
///
/// The variables and their precedence are libcurl's: `<scheme>_proxy` (for example `https_proxy`,
/// `smtp_proxy`), then its upper-case form except `HTTP_PROXY` (which a CGI request could set),
/// then `all_proxy` and `ALL_PROXY`; `no_proxy` or `NO_PROXY` lists hosts that bypass the proxy.
/// Empty values count as unset. Every transfer gets `CURLOPT_PROXY` and `CURLOPT_NOPROXY` set
/// from this value: left unset, libcurl would look all of these variables up again for every
/// transfer, about a tenth of its work per request on loopback. A change to the environment after
/// the configuration was made is therefore not seen.
public struct ProxyEnvironment: Sendable, Equatable {
    /// The proxy URL per lower-case URL scheme (`http`, `https`, `smtp`, `smtps`); a scheme not
    /// listed goes direct.
    public var proxies: [String: String]
    /// Hosts that bypass the proxy, in libcurl's `CURLOPT_NOPROXY` syntax (comma-separated names,
    /// domain suffixes, addresses or CIDR ranges; `*` for all); empty for none.
    public var noProxy: String

    /// Direct connections for every scheme.
    public static let none = ProxyEnvironment(proxies: [:], noProxy: "")

    public init(proxies: [String: String], noProxy: String) {
        self.proxies = proxies
        self.noProxy = noProxy
    }

    /// Reads `environment` as libcurl would for the schemes the transport speaks.
    public init(environment: [String: String]) {
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        let fallback = value("all_proxy") ?? value("ALL_PROXY")
        var proxies: [String: String] = [:]
        for scheme in ["http", "https", "smtp", "smtps"] {
            let lower = scheme + "_proxy"
            let upper = scheme == "http" ? nil : value(lower.uppercased())
            if let proxy = value(lower) ?? upper ?? fallback { proxies[scheme] = proxy }
        }
        self.init(proxies: proxies, noProxy: value("no_proxy") ?? value("NO_PROXY") ?? "")
    }

    /// This process's environment as it is now.
    public static func current() -> ProxyEnvironment {
        ProxyEnvironment(environment: ProcessInfo.processInfo.environment)
    }

    /// The proxy for `url` (by its scheme), or "" for a direct connection: libcurl takes an empty
    /// `CURLOPT_PROXY` as "no proxy" and then looks at no variable.
    func proxy(for url: String) -> String {
        guard !proxies.isEmpty, let end = url.utf8.firstIndex(of: UInt8(ascii: ":")) else { return "" }
        return proxies[String(url[..<end]).lowercased()] ?? ""
    }
}
