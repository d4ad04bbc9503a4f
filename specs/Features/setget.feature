@setget @contract
Feature: Storing and reading values
  /session/set?key=K&value=V stores V under K in the session; /session/get?key=K reads it back. A key the session
  does not hold is 404. A missing or blank key or value is refused with 400 and an example of the right call.
  Values come back exactly as they were sent, whatever characters they hold.

  @req-T5.1
  Scenario: color=purple round-trips
    Given a fresh cookie jar
    When I call /session/set?key=color&value=purple
    Then the response is 200 with JSON:
      """
      {"message":"Stored in session","key":"color","value":"purple"}
      """
    When I call /session/get?key=color
    Then the value of "color" is "purple"

  @req-T5.4
  Scenario: A key the session does not hold is 404
    Given a fresh cookie jar
    And I call /session/set?key=color&value=purple
    When I call /session/get?key=shape
    Then the response is 404 with error "Key 'shape' not found in session"

  @req-T5.2
  Scenario Outline: Setting without a key or a value is refused (<case>)
    Given a fresh cookie jar
    When I call <path>
    Then the response is 400 with error "Missing 'key' and/or 'value' query parameter(s)" and example "/session/set?key=color&value=purple"

    Examples:
      | case             | path                               |
      | no value         | /session/set?key=color             |
      | no key           | /session/set?value=purple          |
      | neither          | /session/set                       |
      | blank key        | /session/set?key=%20&value=purple  |
      | blank value      | /session/set?key=color&value=%20%09 |
      | empty value      | /session/set?key=color&value=      |

  @req-T5.3
  Scenario Outline: Getting without a key is refused (<case>)
    Given a fresh cookie jar
    When I call <path>
    Then the response is 400 with error "Missing 'key' query parameter" and example "/session/get?key=color"

    Examples:
      | case      | path                  |
      | no key    | /session/get          |
      | empty key | /session/get?key=     |
      | blank key | /session/get?key=%09  |

  @req-T5.5
  Scenario Outline: A value with <kind> comes back literally
    Given a fresh cookie jar
    When I set "note" to this value:
      | <value> |
    Then getting "note" gives back that value

    Examples:
      | kind                   | value                         |
      | double quotes          | she said "hi" and "bye"       |
      | single quotes          | O'Brien's 'quoted' text       |
      | an SQL fragment        | '; DROP TABLE Sessions;--     |
      | Unicode                | Grüße 🍪 日本語                 |
      | URL syntax             | a=1&b=2?c#d%20e+f             |
      | JSON syntax            | {"user":"admin"}              |

  @req-T5.5
  Scenario: A value of 4 000 characters comes back whole
    Given a fresh cookie jar
    When I set "long" to a value of 4000 characters
    Then getting "long" gives back that value

  # The tutorial does not say how a server decodes bytes that are not UTF-8 or control characters in a query; whatever
  # it makes of them, get must return exactly what set echoed.
  @req-T5.5
  Scenario Outline: <what> comes back from get exactly as set echoed it
    Given a fresh cookie jar
    When I call /session/set?<query>
    Then the set is answered with 200, and get gives back exactly the key and value it echoed

    Examples:
      | what                            | query                      |
      | control characters in the value | key=ctl&value=%01%02%1F%7F |
      | invalid UTF-8 in the value      | key=utf&value=%FF%FE%C0%80 |
      | invalid UTF-8 in the key        | key=%FF%FE&value=x         |
      | the UTF-8 of a lone surrogate   | key=sur&value=%ED%A0%80    |
