@operations @hostile-cookies @extension
Feature: Tampered and garbage session cookies
  The Kr.Session cookie is a session key protected by the server's key ring. Whatever a client puts in it instead —
  garbage, half a real cookie, a real cookie re-encoded or with its letters' case flipped, a cookie from a server
  with another application name, 8 KB of data, or forty Kr.Session cookies in one header — the server starts a
  fresh session (counter 1) with a 2xx, never a 5xx, and the real session is untouched. The cookies are sent as a
  raw Cookie header, not through a cookie jar that could tidy them up.

  Background:
    Given browser "alice" calls "/session/counter" 2 times

  @req-E5.2
  Scenario Outline: A <kind> Kr.Session cookie starts a fresh session
    When a client calls "/session/counter" with a "<kind>" Kr.Session cookie made from the cookie of "alice"
    Then it answers a 2xx with counter 1
    When browser "alice" calls "/session/counter"
    Then it answers 200 with counter 3

    Examples:
      | kind              |
      | garbage           |
      | truncated         |
      | base64 re-encoded |
      | case-flipped      |
      | 8 KB long         |

  @req-E5.1
  Scenario Outline: A cookie from a server with another application name, <how>, starts a fresh session
    Given instance "other" runs on a store of its own with application name "Another Sessions App"
    And browser "mallory" calls "/session/counter" on instance "other"
    When a client calls "/session/counter" with a "<kind>" Kr.Session cookie made from the cookies of "alice" and "mallory"
    Then it answers a 2xx with counter 1
    When browser "alice" calls "/session/counter"
    Then it answers 200 with counter 3

    Examples:
      | how                                              | kind                  |
      | sent alone                                       | another application's |
      | among forty Kr.Session cookies in one header      | many at once          |
