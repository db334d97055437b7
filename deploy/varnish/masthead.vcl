vcl 4.1;
# Varnish in front of Masthead: anonymous pages from memory, purged by Masthead on change.
# Masthead sends PURGE requests when MASTHEAD_FRONTEND_CACHE_URL points here.

backend masthead {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purging is not allowed from this address."));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The back end, forms' endpoints and health checks always reach Masthead.
    if (req.url ~ "^/(admin|comments|votes|human-check|newsletter|healthz|readyz)(/|$)") {
        return (pass);
    }
    # Signed-in editors carry a session: their pages are their own.
    if (req.http.Cookie ~ "(^|; *)sessionid=") {
        return (pass);
    }
    # Every other reader gets the same page: no cookie may reach the cache key or Masthead.
    unset req.http.Cookie;
    unset req.http.Authorization;
    return (hash);
}

sub vcl_hash {
    # One site per Varnish: the URL alone names the page, whatever Host the reader used,
    # so a purge from Masthead (sent with the site's own host name) reaches it.
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_response {
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "private|no-store") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "HIT";
    } else {
        set resp.http.X-Varnish-Cache = "MISS";
    }
}
