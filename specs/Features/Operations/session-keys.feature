@extension @session-keys
Feature: The session key at login and logout
  A session key that outlives a login lets whoever planted it before (session fixation) or learnt it read the
  logged-in session; one that outlives a logout keeps working for whoever copied it. The hardened profile gives the
  session a new key at login and removes the session, and its cookie, at logout. The tutorial profile keeps ASP.NET
  Core's behaviour: one key for the whole life of the session, which these scenarios state exactly.

  @req-E8.1
  Scenario: Login moves the session to a new key, and the cookie from before no longer reads it
    Given a fresh cookie jar
    And I call /session/counter
    And I save the session cookie
    When I call /session/login?user=max
    Then the response sets a new session cookie, not the saved one
    When I call /session/whoami
    Then the user is "max"
    When I call /session/counter
    Then the counter is 2
    When I replay the saved cookie on /session/whoami
    Then the response is 401 with error "No active session or user not set"
    When I replay the saved cookie on /session/counter
    Then the counter is 1

  @req-E8.2
  Scenario: The tutorial's stack keeps the key: the cookie from before login reads the logged-in user
    Given a fresh cookie jar
    And I call /session/counter
    And I save the session cookie
    When I call /session/login?user=max
    Then the response sets no cookie
    When I replay the saved cookie on /session/whoami
    Then the user is "max"
    When I call /session/logout
    Then the response sets no cookie

  @req-E8.3
  Scenario: Logout removes the session and expires its cookie; the next request starts afresh
    Given a fresh cookie jar
    And I call /session/login?user=max
    And I call /session/counter
    And I save the session cookie
    When I call /session/logout
    Then the response is 200 with JSON:
      """
      {"message":"Session cleared"}
      """
    And the response expires the session cookie
    And the store no longer holds my session
    When I call /session/counter
    Then the counter is 1
    When I replay the saved cookie on /session/whoami
    Then the response is 401 with error "No active session or user not set"
