//! The `Host` names the dev server answers to. A page of another site can point its own domain
//! name at this machine (DNS rebinding); it then reaches the server under that name, which is
//! refused. IP addresses cannot be rebound, so they are safe to accept.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// The Host header values a server accepts.
#[derive(Debug, Clone)]
pub struct Hosts {
    /// Accepted exactly (`host:port`, lowercase).
    exact: Vec<String>,
    /// Names given with `--allow-host`: `name` matches with any port, `name:port` only as written.
    allowed: Vec<String>,
    /// Bound to every interface: any IP address with the server's port.
    any_address: Option<u16>,
}

impl Hosts {
    /// The names a server listening at `addr` answers to, plus `allowed`.
    pub fn new(addr: SocketAddr, allowed: &[String]) -> Hosts {
        let port = addr.port();
        let ip = addr.ip();
        let mut exact = Vec::new();
        if !ip.is_unspecified() {
            exact.push(with_port(ip, port));
        }
        if ip.is_loopback() || ip.is_unspecified() {
            exact.extend([
                format!("localhost:{port}"),
                format!("127.0.0.1:{port}"),
                format!("[::1]:{port}"),
            ]);
        }
        exact.dedup();
        Hosts {
            exact,
            allowed: allowed.iter().map(|a| a.to_ascii_lowercase()).collect(),
            any_address: ip.is_unspecified().then_some(port),
        }
    }

    pub fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        if self.exact.contains(&host) {
            return true;
        }
        let name = split_port(&host).0;
        if self.allowed.iter().any(|a| *a == host || *a == name) {
            return true;
        }
        match (self.any_address, split_port(&host)) {
            (Some(port), (name, Some(p))) if p == port => is_ip(name),
            _ => false,
        }
    }

    /// What the server answers to, for the terminal.
    pub fn describe(&self) -> String {
        let mut names: Vec<String> = self.exact.clone();
        if let Some(port) = self.any_address {
            names.push(format!("any IP address with port {port}"));
        }
        names.extend(self.allowed.iter().cloned());
        names.join(", ")
    }
}

/// An IPv4 address, or an IPv6 address in brackets, as a Host value writes them.
fn is_ip(name: &str) -> bool {
    match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<Ipv6Addr>().is_ok(),
        None => name.parse::<Ipv4Addr>().is_ok(),
    }
}

fn with_port(ip: IpAddr, port: u16) -> String {
    match ip {
        IpAddr::V4(ip) => format!("{ip}:{port}"),
        IpAddr::V6(ip) => format!("[{ip}]:{port}"),
    }
}

/// `name` and port of a Host value (`[v6]:port` included).
fn split_port(host: &str) -> (&str, Option<u16>) {
    match host.rsplit_once(':') {
        Some((name, port)) if !name.is_empty() && (!name.contains(':') || name.ends_with(']')) => {
            match port.parse() {
                Ok(p) => (name, Some(p)),
                Err(_) => (host, None),
            }
        }
        _ => (host, None),
    }
}

/// Checks a `--allow-host` value: a host name or address, optionally with `:port`.
pub fn check_allowed(value: &str) -> Result<(), String> {
    let (host, port) = split_port(value);
    let bracketed = host.starts_with('[') && host.ends_with(']');
    let port_ok = port.is_some() || !host.contains(':') || bracketed;
    let host_ok = if host.starts_with('[') {
        is_ip(host)
    } else {
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    };
    if port_ok && host_ok {
        Ok(())
    } else {
        Err(format!(
            "`{value}` is not a host name (such as `box.local` or `box.local:8080`)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(addr: &str, allowed: &[&str]) -> Hosts {
        let allowed: Vec<String> = allowed.iter().map(|s| s.to_string()).collect();
        Hosts::new(addr.parse().unwrap(), &allowed)
    }

    #[test]
    fn loopback_answers_to_loopback_names_only() {
        let h = hosts("127.0.0.1:3000", &[]);
        for ok in [
            "localhost:3000",
            "127.0.0.1:3000",
            "[::1]:3000",
            "LOCALHOST:3000",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
        for no in [
            "",
            "localhost",
            "localhost:3001",
            "evil.example:3000",
            "evil.example",
            "192.168.1.5:3000",
        ] {
            assert!(!h.allows(no), "{no}");
        }
    }

    #[test]
    fn a_specific_address_answers_to_itself() {
        let h = hosts("192.168.1.5:8080", &[]);
        assert!(h.allows("192.168.1.5:8080"));
        assert!(!h.allows("localhost:8080"));
        assert!(!h.allows("10.0.0.1:8080"));
        assert!(!h.allows("evil.example:8080"));
    }

    #[test]
    fn every_interface_answers_to_addresses_loopback_and_allowed_names() {
        let h = hosts("0.0.0.0:3000", &["box.local", "Proxy.example:8443"]);
        for ok in [
            "localhost:3000",
            "127.0.0.1:3000",
            "192.168.1.5:3000",
            "[fe80::1]:3000",
            "box.local",
            "box.local:3000",
            "BOX.local:9999",
            "proxy.example:8443",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
        for no in [
            "",
            "evil.example:3000",
            "box.local.evil.example:3000",
            "proxy.example",
            "proxy.example:3000",
            "192.168.1.5:3001",
            "192.168.1.5",
            "fe80::1:3000",
        ] {
            assert!(!h.allows(no), "{no}");
        }
        assert_eq!(
            h.describe(),
            "localhost:3000, 127.0.0.1:3000, [::1]:3000, any IP address with port 3000, \
             box.local, proxy.example:8443"
        );
    }

    #[test]
    fn allowed_names_are_checked() {
        for ok in [
            "box.local",
            "box.local:8080",
            "my_host",
            "[::1]:3000",
            "10.0.0.2",
        ] {
            assert_eq!(check_allowed(ok), Ok(()), "{ok}");
        }
        for no in [
            "",
            "a b",
            "http://x",
            "x/y",
            "box.local:port",
            ":80",
            "::1",
            "[x]",
        ] {
            assert!(check_allowed(no).is_err(), "{no}");
        }
    }
}
