import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """Return the reader's address; X-Forwarded-For is believed only from trusted proxies."""
    peer = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    # Walk from the nearest hop back while each hop is one of ours.
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    while hops and _is_trusted(address):
        try:
            address = ipaddress.ip_address(hops.pop())
        except ValueError:
            break
    return str(address)


def _is_trusted(address) -> bool:
    return any(address in network for network in settings.MASTHEAD_TRUSTED_PROXIES)
