@parallel-proof
Feature: Parallel
  Scenario: Waiting 1
    When I wait 3 seconds
  Scenario: Waiting 2
    When I wait 3 seconds
  Scenario: Waiting 3
    When I wait 3 seconds
  Scenario: Waiting 4
    When I wait 3 seconds
  Scenario: Waiting 5
    When I wait 3 seconds
  Scenario: Waiting 6
    When I wait 3 seconds
