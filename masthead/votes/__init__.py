"""Reader votes: "N users have voted." under each article and blog post.

How the count stays right on cached pages (the issue allows 60 seconds of lag):

- The story's HTML is the same for every reader and stays publicly cacheable; it shows
  the count of the moment it was rendered (one query, from VoteTally).
- A change to a story's votes purges that story's page from the page cache and from
  Varnish (signals.purge_story_page), so a reader without JavaScript gets the new count
  on their next request. A render racing a vote may still keep the old count until the
  next vote or the page cache's own expiry: the script covers that case.
- votes.js asks /votes/<id>/state/ (private, no-store) on load and shows the current
  count and the reader's own vote, whatever the age of the HTML.
- Without JavaScript a vote redirects to story/?voted=up#votes: that page says what the
  reader chose, with a count that includes it, and is never cached (VoteReceiptMiddleware).
"""
