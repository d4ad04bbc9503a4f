@operations @hostile-input
Feature: Hostile keys and values
  Keys and values are data, never code: SQL fragments, quotes, markup and Unicode are stored and returned
  literally. Control characters are stored as sent, and invalid UTF-8 percent-encodings as the percent-encoded text
  ASP.NET Core leaves them as — never a 5xx. A key over Sessions:MaxKeyBytes (1024) or a value over
  Sessions:MaxValueBytes (16384 bytes) gets a 413 that names the setting, and the session stays as it was. Another
  session's data is never touched.

  Background:
    Given browser "bob" calls "/session/login?user=bob"
    And browser "bob" calls "/session/counter"
    And browser "alice" calls "/session/set?key=color&value=purple"

  @contract @req-T5.5
  Scenario: SQL fragments, quotes, markup and Unicode are stored and returned literally
    When browser "alice" stores each of these keys and values:
      | key                             | value                               |
      | name'); DROP TABLE Sessions;--  | ' OR '1'='1                         |
      | sql"; DELETE FROM "Sessions";-- | 1; UPDATE Sessions SET Value = 0x00 |
      | say "hi" and 'bye'              | it's "quoted" \| piped \\ slashed   |
      | <script>                        | <img src=x onerror=alert(1)>        |
      | {"json": true}                  | ${jndi:ldap://x} %s %n {0}          |
      | 名前                              | café 😀 Ωmega ＜full-width＞ |
      | 100% & more                     | a+b=c&d=e#f?g                       |
    Then browser "alice" reads each of them back literally:
      | key                             | value                               |
      | name'); DROP TABLE Sessions;--  | ' OR '1'='1                         |
      | sql"; DELETE FROM "Sessions";-- | 1; UPDATE Sessions SET Value = 0x00 |
      | say "hi" and 'bye'              | it's "quoted" \| piped \\ slashed   |
      | <script>                        | <img src=x onerror=alert(1)>        |
      | {"json": true}                  | ${jndi:ldap://x} %s %n {0}          |
      | 名前                              | café 😀 Ωmega ＜full-width＞ |
      | 100% & more                     | a+b=c&d=e#f?g                       |
    When browser "alice" calls "/session/get?key=color"
    Then it answers 200 with value "purple"
    When browser "bob" calls "/session/whoami"
    Then it answers 200 with user "bob"

  # What ASP.NET Core's query decoding makes of each, stored and returned exactly; the expected key and value are
  # written with JSON escapes (\u0000 is NUL). Invalid UTF-8 is not guessed at: it stays percent-encoded text.
  @extension @req-E6.1
  Scenario Outline: <what> is stored as the server decoded it and read back exactly
    When browser "alice" calls "/session/set?<query>"
    Then it answers 200, and browser "alice" reads back key "<key>" with value "<value>"
    When browser "bob" calls "/session/counter"
    Then it answers 200 with counter 2

    Examples:
      | what                                            | query                       | key                | value                    |
      | a NUL in the value                              | key=nul&value=a%00b         | nul                | a\u0000b                 |
      | control characters in the value                 | key=ctl&value=%01%02%1F%7F  | ctl                | \u0001\u0002\u001F\u007F |
      | control characters in the key                   | key=%00%01%1F&value=x       | \u0000\u0001\u001F | x                        |
      | invalid UTF-8 in the value                      | key=utf&value=%FF%FE%C0%80  | utf                | %FF%FE%C0%80             |
      | invalid UTF-8 in the key                        | key=%FF%FE&value=x          | %FF%FE             | x                        |
      | the UTF-8 of a lone surrogate                   | key=sur&value=%ED%A0%80     | sur                | %ED%A0%80                |
      | a repeated key and value (the first ones count) | key=a&key=b&value=x&value=y | a                  | x                        |

  @extension @req-E2.1
  Scenario: A key over Sessions:MaxKeyBytes is refused with 413 and the session is unchanged
    When browser "alice" stores a key of 1025 bytes
    Then it answers 413 with an error naming "Sessions:MaxKeyBytes"
    When browser "alice" calls "/session/get?key=color"
    Then it answers 200 with value "purple"

  @extension @req-E2.2
  Scenario: A value over Sessions:MaxValueBytes is refused with 413 and the previous value stays
    When browser "alice" stores "color" with a value of 16385 bytes
    Then it answers 413 with an error naming "Sessions:MaxValueBytes"
    When browser "alice" calls "/session/get?key=color"
    Then it answers 200 with value "purple"
    When browser "bob" calls "/session/whoami"
    Then it answers 200 with user "bob"

  @extension @req-E2.2
  Scenario: A value exactly at Sessions:MaxValueBytes is stored
    When browser "alice" stores "color" with a value of 16384 bytes
    Then it answers 200
