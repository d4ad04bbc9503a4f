@expiry @contract
Feature: Idle expiry
  A session idle for longer than the idle timeout (20 seconds, sliding) is gone: its next request finds a fresh,
  empty session. Each request inside the window pushes the expiry forward, so a session in use lives on.
  These scenarios wait in real time against the server's real defaults; they run at the same time as each other.

  @req-T7.1
  Scenario: After 20 seconds of idleness the session is gone
    Given a fresh cookie jar
    And I call /session/login?user=max
    And I call /session/set?key=color&value=purple
    And I call /session/counter
    When the session stays idle for 22 seconds
    And I call /session/whoami
    Then the response is 401 with error "No active session or user not set"
    When I call /session/get?key=color
    Then the response is 404 with error "Key 'color' not found in session"
    When I call /session/counter
    Then the counter is 1

  @req-T7.2
  Scenario: Requests every 15 seconds keep the session alive past 20 seconds
    Given a fresh cookie jar
    And I call /session/login?user=max
    When 15 seconds have passed since my last request
    And I call /session/whoami
    Then the user is "max"
    When 15 seconds have passed since my last request
    And I call /session/whoami
    Then the user is "max"
