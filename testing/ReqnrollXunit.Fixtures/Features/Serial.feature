@serial-proof
Feature: Serial
  Scenario: Busy 1
    When I wait 2 seconds
  Scenario: Busy 2
    When I wait 2 seconds
  @serial
  Scenario: Alone
    When I wait 1 seconds
  @serial-in-lane
  Scenario: In lane 1
    When I wait 2 seconds
  @serial-in-lane
  Scenario: In lane 2
    When I wait 2 seconds
