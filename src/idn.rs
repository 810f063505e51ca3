//! Internationalised names in the browser: `vps-contract`'s name rules, with the browser's own UTS #46
//! (its URL parser, non-transitional like the `idna` crate) doing the Unicode mapping. The same
//! answers as the sandbox's, without shipping ~45 KB of compressed Unicode tables.

/// UTS #46 to-ASCII of a name, by the browser: `faß.com` → `xn--fa-hia.com`.
pub fn browser_to_ascii(name: &str) -> Option<String> {
    let url = web_sys::Url::new(&format!("http://{name}/")).ok()?;
    let host = url.hostname();
    // The parser percent-encodes what it cannot map, and reads some names as IPv4 addresses:
    // neither is the name that was typed.
    let mapped = !host.contains('%') && !host.is_empty();
    mapped.then_some(host)
}

/// Makes `vps-contract`'s name rules use the browser's UTS #46. Called once at start-up.
pub fn install() {
    #[cfg(target_arch = "wasm32")]
    vps_contract::name::set_uts46(browser_to_ascii);
}
