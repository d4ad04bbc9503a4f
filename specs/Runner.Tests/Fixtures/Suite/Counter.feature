@counter
Feature: Counter
  Counts calls; exercises backgrounds, outlines, rules, tables and doc strings.

  Background:
    Given a counter starting at 0

  # Comments are ignored by the parser.
  @smoke
  Scenario: Counting once
    When I count 1 time
    Then the counter is 1
    And the counter is not 2
    But the counter is not 3

  Scenario Outline: Counting calls
    When I count <calls> times
    Then the counter is <calls>

    @few
    Examples: few
      | calls |
      | 1     |
      | 3     |

    @many
    Examples: many
      | calls |
      | 100   |

  Scenario Outline: Counting <calls> as <name>
    When I count <calls> times
    Then the counter is <calls>

    Examples:
      | calls | name  |
      | 2     | two   |
      | 4     | four  |

  Rule: Totals come from tables

    Background:
      Given the counter is reset

    @tables
    Scenario: Adding a table
      When I add these amounts:
        | amount |
        | 2      |
        | 5      |
      Then the counter is 7

    Scenario: Reading a doc string
      When I count the lines of:
        """text/plain
        one
        two
        three
        """
      Then the counter is 3
