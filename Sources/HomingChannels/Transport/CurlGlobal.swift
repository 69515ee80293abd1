import CCurl

/// `curl_global_init`, run once per process before the first handle is made.
///
/// ```swift
/// guard CurlGlobal.initialized else { throw … }
/// ```
///
/// A lazily initialized static is run exactly once even when several threads race to it, which is
/// what libcurl needs: `curl_global_init` itself is not thread-safe.
enum CurlGlobal {
    static let initialized: Bool = curl_global_init(ccurl_global_all) == CURLE_OK
}
