@storage @contract
Feature: What the store holds
  All session data lives in the store, keyed by the session key that the cookie carries in protected form. The
  stored entry expires one idle timeout (20 seconds) after the last request, expired entries are deleted, and a
  logout leaves no user data behind. Only targets whose store the suite can see run these scenarios.

  @req-T8.1
  Scenario: After a request the store holds the session, expiring about 20 seconds later
    Given a fresh cookie jar
    When I call /session/counter
    Then the store holds my session, expiring 20 seconds after my last request give or take 5

  @expiry @req-T8.3
  Scenario: After idle expiry a sweep deletes the stored session
    Given a fresh cookie jar
    And I call /session/counter
    And the store holds my session
    When the session stays idle for 22 seconds
    And the store sweeps expired sessions
    Then the store no longer holds my session

  @req-T8.4
  Scenario: After logout the store keeps no user data
    Given a fresh cookie jar
    And I call /session/login?user=max
    And my stored session contains "max"
    When I call /session/logout
    Then my stored session does not contain "max"

  @req-T8.2
  Scenario: On SQL Server the sessions live in dbo.Sessions, the table dotnet sql-cache create makes
    Given a fresh cookie jar
    When I call /session/counter
    Then the store's table is the standard table of Microsoft.Extensions.Caching.SqlServer:
      """
      table [dbo].[Sessions]
      column Id nvarchar(449) NOT NULL
      column Value varbinary(max) NOT NULL
      column ExpiresAtTime datetimeoffset NOT NULL
      column SlidingExpirationInSeconds bigint NULL
      column AbsoluteExpiration datetimeoffset NULL
      primary key Id
      index on ExpiresAtTime
      """
