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
        # A page is kept twice (see vcl_hash): this pass purges the gzipped copy, and
        # vcl_purge restarts the request once to purge the plain one.
        if (req.restarts == 0) {
            set req.http.Accept-Encoding = "gzip";
        } else {
            unset req.http.Accept-Encoding;
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
    # Two copies of each page: gzipped, and plain for readers who do not accept gzip.
    # Varnish alone would keep only the gzipped one and gunzip it on every such delivery,
    # which costs more than the rest of a hit. Masthead decides the same way ("gzip").
    unset req.http.X-Masthead-Plain;  # Varnish's own mark below, never a reader's
    if (req.http.Accept-Encoding ~ "(?i)gzip") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
        set req.http.X-Masthead-Plain = "1";
    }
    return (hash);
}

sub vcl_hash {
    # One site per Varnish: the URL alone names the page, whatever Host the reader used,
    # so a purge from Masthead (sent with the site's own host name) reaches it.
    hash_data(req.url);
    if (req.http.Accept-Encoding == "gzip") {
        hash_data("gzip");
    }
    return (lookup);
}

sub vcl_purge {
    if (req.restarts == 0) {
        return (restart);
    }
}

sub vcl_backend_fetch {
    # Varnish asks the back end for gzip on every fetch; the plain copy is fetched plain.
    if (bereq.http.X-Masthead-Plain) {
        unset bereq.http.Accept-Encoding;
        unset bereq.http.X-Masthead-Plain;
    }
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
        # The request id and page-cache state of the backend request that filled the
        # cache say nothing of this one; X-Varnish names it for varnishlog.
        unset resp.http.X-Request-ID;
        unset resp.http.X-Cache;
    } else {
        set resp.http.X-Varnish-Cache = "MISS";
    }
}
