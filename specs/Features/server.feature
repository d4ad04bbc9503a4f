@listener
Feature: Server and listener
  The tutorial's server listens on loopback only, speaks HTTPS only, and presents a self-signed certificate made
  at start for localhost, 127.0.0.1 and ::1. Its /hello route is plain text and never starts a session.

  @contract @req-T1.4
  Scenario: Hello answers plain text and starts no session
    Given a fresh cookie jar
    When I call /hello
    Then the response is 200 with text "Hello, Session World!"
    And the response sets no cookie

  @extension @req-E1.1
  Scenario: The health check names the store behind the server
    When I call /healthz
    Then the health check reports the store as healthy

  @contract @req-T1.1
  Scenario: Plain HTTP is not served on the server's port
    When I send a plain-HTTP request to the server's port
    Then no HTTP response comes back

  @contract @req-T1.2
  Scenario: The listener is on 127.0.0.1 only
    Then the server's port accepts connections on 127.0.0.1
    And the server's port refuses connections on every other address of this machine

  @contract @req-T1.3
  Scenario: The certificate is self-signed for localhost, 127.0.0.1 and ::1
    When I open a TLS connection to the server
    Then the certificate is self-signed
    And the certificate is valid for these names:
      | localhost |
      | 127.0.0.1 |
      | ::1       |
