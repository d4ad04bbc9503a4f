@storage
Feature: What the store holds
  All session data lives in the store, keyed by the session key that the cookie carries in protected form. The
  stored entry expires one idle timeout (20 seconds) after the last request, expired entries are deleted, and a
  logout leaves no user data behind. Only targets whose store the suite can see run these scenarios.

  Scenario: After a request the store holds the session, expiring about 20 seconds later
    Given a fresh cookie jar
    When I call /session/counter
    Then the store holds my session, expiring 20 seconds after my last request give or take 5

  @expiry
  Scenario: After idle expiry a sweep deletes the stored session
    Given a fresh cookie jar
    And I call /session/counter
    And the store holds my session
    When the session stays idle for 22 seconds
    And the store sweeps expired sessions
    Then the store no longer holds my session

  Scenario: After logout the store keeps no user data
    Given a fresh cookie jar
    And I call /session/login?user=max
    And my stored session contains "max"
    When I call /session/logout
    Then my stored session does not contain "max"
