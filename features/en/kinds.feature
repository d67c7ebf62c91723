Feature: A site's kind is named as people write it
  The kind of a site may be given by its id (village), its English name (village, industrial park,
  river segment) or its Chinese name whole or without the bracket (行政村, 园区, 河段（断面）, 河段),
  in any case and spacing: the same kind, the same findings.

  @JA-14-7
  Scenario Outline: a village named <kind>
    Given a <kind> "Jiufeng" in 晋安区
    And the metric "rural domestic sewage treatment rate" is 80%
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-14-7 is pass

    Examples:
      | kind    |
      | village |
      | Village |
      | VILLAGE |
      | 行政村  |

  @JA-6-2
  Scenario Outline: a river segment named <kind>
    Given a <kind> "魁岐断面" in 晋安区
    And the facts are:
      | metric                         | value |
      | river_chief_system_implemented | no    |
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-6-2 is fail

    Examples:
      | kind          |
      | river segment |
      | river_segment |
      | 河段          |
      | 河段（断面）  |
      | 河段(断面)    |
