#!/usr/bin/env python3
"""Drives a Weft server with Mastodon.py (Debian: python3-mastodon), as a client app would.

Usage: mastodon_py_walkthrough.py BASE_URL. Prints one line per check and "all ok"; exits non-zero at the first
difference. Run by MastodonPyTests against a real socket (rate limits lifted: it signs up two users per run).
"""
import sys, time, uuid
from mastodon import Mastodon, StreamListener, MastodonNotFoundError, MastodonAPIError, MastodonUnauthorizedError

base = sys.argv[1]
PASSWORD = "correct horse battery staple"
SCOPES = ["read", "write", "follow"]

def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print("ok:", what, flush=True)

def eventually(probe, what, seconds=15):
    deadline = time.monotonic() + seconds
    while True:
        value = probe()
        if value:
            print("ok:", what, flush=True)
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out: " + what)
        time.sleep(0.05)

client_id, client_secret = Mastodon.create_app("mastodon-py-walk", api_base_url=base, scopes=SCOPES)
app = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=base)
check(app.retrieve_mastodon_version().startswith("4."), "the instance says it speaks Mastodon 4")

def sign_up(name):
    username = name + uuid.uuid4().hex[:8]
    Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=base).create_account(
        username, PASSWORD, username + "@example.test", agreement=True, locale="en", scopes=SCOPES)
    user = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=base)
    user.log_in(username, PASSWORD, scopes=SCOPES)
    return user, user.account_verify_credentials()

alice, alice_me = sign_up("alice")
bob, bob_me = sign_up("bob")
check(alice_me.acct.startswith("alice"), "registration and the password grant")
check(bob.account_lookup(alice_me.acct).id == alice_me.id, "account lookup")
check(bob.account(alice_me.id).username == alice_me.username, "account by id")

rel = bob.account_follow(alice_me.id)
check(rel.following, "follow")
check(bob.account_relationships([alice_me.id])[0].following, "relationships")
check([a.id for a in alice.account_followers(alice_me.id)] == [bob_me.id], "followers")
check([a.id for a in bob.account_following(bob_me.id)] == [alice_me.id], "following")

first = alice.status_post("hello from Mastodon.py #weftwalk", idempotency_key="walk-1")
again = alice.status_post("hello from Mastodon.py #weftwalk", idempotency_key="walk-1")
check(first.id == again.id, "Idempotency-Key: the same status twice")
check("#<span>weftwalk</span>" in first.content, "content rendered as HTML with the hashtag linked")
check(first.tags[0].name == "weftwalk", "tags")
eventually(lambda: first.id in [s.id for s in bob.timeline_home()], "fan-out to the follower's home timeline")

reply = bob.status_reply(first, "a reply from bob")
check(reply.in_reply_to_id == first.id, "reply")
context = eventually(lambda: (c := alice.status_context(first.id)).descendants and c, "thread context")
check(context.descendants[0].id == reply.id, "descendants")
check(alice.status_context(reply.id).ancestors[0].id == first.id, "ancestors")

check(bob.status_favourite(first.id).favourited, "favourite")
check(bob.status_favourite(first.id).favourites_count == 1, "a second favourite counts once")
check([a.id for a in alice.status_favourited_by(first.id)] == [bob_me.id], "favourited_by")
check(bob.status_reblog(first.id).reblog.id == first.id, "reblog")
check([a.id for a in alice.status_reblogged_by(first.id)] == [bob_me.id], "reblogged_by")
check(bob.status_bookmark(first.id).bookmarked, "bookmark")
check([s.id for s in bob.bookmarks()] == [first.id], "bookmarks")
check([s.id for s in bob.favourites()] == [first.id], "favourites")
check(not bob.status_unfavourite(first.id).favourited, "unfavourite")

notes = eventually(lambda: (n := alice.notifications()) and {x.type for x in n} >= {"follow", "reblog", "mention"} and n,
                   "notifications of follow, reblog and reply (the favourite's went with the unfavourite)")
check(alice.notifications(id=notes[0].id).id == notes[0].id, "one notification by id")
check({x.type for x in alice.notifications(types=["follow"])} == {"follow"}, "notifications filtered by type")

# Pagination through Link headers: three pages of two.
for i in range(5):
    alice.status_post(f"page {i}")
# An account's statuses are listed from the index the fan-out writes, a few milliseconds after posting.
eventually(lambda: len(alice.account_statuses(alice_me.id, limit=40)) == 6, "the six statuses indexed")
page = alice.account_statuses(alice_me.id, limit=2)
seen = [s.id for s in page]
while (page := alice.fetch_next(page)):
    seen += [s.id for s in page]
check(len(seen) == 6 and seen == sorted(seen, reverse=True) and len(set(seen)) == 6, "fetch_next walks the Link headers")
newer = alice.fetch_previous(alice.account_statuses(alice_me.id, max_id=seen[2], limit=2))
check([s.id for s in newer] == seen[1:3], "fetch_previous: the two just newer")

check(first.id in [s.id for s in app.timeline_public(limit=40)], "public timeline, anonymous")
check(first.id in [s.id for s in bob.timeline_hashtag("weftwalk")], "hashtag timeline")

edited = alice.status_update(first.id, "hello, edited")
check(edited.edited_at is not None and "edited" in edited.content, "edit")
check(len(alice.status_history(first.id)) == 2, "edit history")
check(alice.status_pin(first.id).pinned, "pin")
check([s.id for s in bob.account_statuses(alice_me.id, pinned=True)] == [first.id], "pinned statuses")

alice.account_follow(bob_me.id)
lst = alice.list_create("friends")
alice.list_accounts_add(lst.id, [bob_me.id])
check([a.id for a in alice.list_accounts(lst.id)] == [bob_me.id], "lists")
bobs = bob.status_post("bob, in a list")
eventually(lambda: bobs.id in [s.id for s in alice.timeline_list(lst.id)], "list timeline")

alice.account_mute(bob_me.id)
check([a.id for a in alice.mutes()] == [bob_me.id], "mutes")
alice.account_unmute(bob_me.id)
check(alice.account_note_set(bob_me.id, "met at the walk").note == "met at the walk", "account note")

dm = alice.status_post(f"@{bob_me.acct} a direct word", visibility="direct")
eventually(lambda: any(c.last_status.id == dm.id for c in bob.conversations()), "conversations")

alice.markers_set(["home"], [first.id])
check(alice.markers_get(["home"]).home.last_read_id == first.id, "markers")
check(any(a.id == bob_me.id for a in alice.account_search(bob_me.acct)), "account search")
check(alice.instance().configuration.statuses.max_characters == 500, "instance")
me = alice.account_update_credentials(note=f"walking with @{bob_me.acct} #weftwalk", fields=[("Site", "https://example.com"), ("Pronouns", "they")])
check([f.name for f in me.fields] == ["Site", "Pronouns"] and 'href="https://example.com"' in me.fields[0].value
      and me.source.fields[1].value == "they", "profile fields, sent as fields_attributes[i][name]")
check("u-url mention" in me.note and "#<span>weftwalk</span>" in me.note, "the note links its mention and hashtag")
check([f.name for f in bob.account(alice_me.id).fields] == ["Site", "Pronouns"], "others see the fields")
check(alice.preferences()["posting:default:visibility"] == "public" and alice.filters() == [] and alice.custom_emojis() == [],
      "start-up endpoints")

# Streaming (Mastodon.py uses the server-sent events endpoints).
received = []
comments = []
class Listener(StreamListener):
    def on_update(self, status):
        received.append(status.id)
    def handle_heartbeat(self):
        comments.append(time.monotonic())
# With run_async the library connects in its own thread; the server opens the body with a ":)" comment once the
# stream is subscribed, so the first comment means nothing posted from then on is missed.
handle = bob.stream_user(Listener(), run_async=True, reconnect_async=False)
try:
    eventually(lambda: comments, "the user stream open (server-sent events)")
    live = alice.status_post("live to bob")
    eventually(lambda: live.id in received, "an update on the user stream")
finally:
    handle.close()

# Errors arrive as Mastodon's: the library raises its typed exceptions.
try:
    bob.status_delete(first.id)
    check(False, "deleting someone else's status is refused")
except MastodonNotFoundError:
    check(True, "deleting someone else's status is refused")
try:
    bob.status("12345")
    check(False, "an unknown status is a 404")
except MastodonNotFoundError:
    check(True, "an unknown status is a 404")
try:
    alice.status_post("x" * 501)
    check(False, "501 characters are refused")
except MastodonAPIError as e:
    check(e.args[1] == 422, "501 characters are refused with 422")
try:
    Mastodon(access_token="not-a-token", api_base_url=base).account_verify_credentials()
    check(False, "a bad token is refused")
except MastodonUnauthorizedError:
    check(True, "a bad token is refused with 401")

alice.status_delete(first.id)
eventually(lambda: first.id not in [s.id for s in bob.timeline_home()], "a deleted status leaves the home timeline")
check(bob.account_unfollow(alice_me.id).following is False, "unfollow")
print("all ok")
