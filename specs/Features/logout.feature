@logout @contract
Feature: Logout
  /session/logout clears every key of the session: afterwards whoami is 401, get is 404 and the counter starts
  again at 1. A cookie kept from before the logout brings nothing back.

  @req-T6.1
  Scenario: Logout clears the user, the counter and the stored values
    Given a fresh cookie jar
    And I call /session/login?user=max
    And I call /session/counter 2 times
    And I call /session/set?key=color&value=purple
    When I call /session/logout
    Then the response is 200 with JSON:
      """
      {"message":"Session cleared"}
      """
    When I call /session/whoami
    Then the response is 401 with error "No active session or user not set"
    When I call /session/get?key=color
    Then the response is 404 with error "Key 'color' not found in session"
    When I call /session/counter
    Then the counter is 1

  @req-T6.2
  Scenario: Replaying the cookie saved before logout does not bring the data back
    Given a fresh cookie jar
    And I call /session/login?user=max
    And I call /session/set?key=color&value=purple
    And I save the session cookie
    When I call /session/logout
    And I replay the saved cookie on /session/whoami
    Then the response is 401 with error "No active session or user not set"
    When I replay the saved cookie on /session/get?key=color
    Then the response is 404 with error "Key 'color' not found in session"
