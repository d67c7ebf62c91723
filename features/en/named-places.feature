Feature: Places the plans name are recognised the way people write them (rules/gazetteer.yaml)

  @JA-29-1
  Scenario Outline: the Fuxing zone under any of its usual names
    Given a park "<name>" in 晋安区
    And the metric "park sewer network coverage" is 90%
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-29-1 is fail

    Examples:
      | name                 |
      | 福兴经济开发区       |
      | 福州市 福兴经济开发区 |
      | 福兴开发区           |

  @JA-29-1
  Scenario: a close name is missing data with a warning, never "not applicable"
    Given a park "福兴工业园" in 晋安区
    And the metric "park sewer network coverage" is 90%
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-29-1 is insufficient data
    And the data missing for JA-29-1 is: place named by the plan
    And a warning contains "is close to 福兴经济开发区"

  @XM-0-19
  Scenario: a district the Xiamen plan names
    Given a district "厦门市集美区" in 厦门市
    And the metric "share of villages built as beautiful villages" is 50%
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of XM-0-19 is at risk
    And the status of XM-0-20 is not applicable

  @XM-0-29
  Scenario Outline: a district named in English, as the division table names it, places the site
    Given a village "Tiantou" in <district>
    And the series of "已建成美丽乡村" is 2027: 否
    And the assessment date is 2028-01-15
    When it is assessed
    Then the status of XM-0-29 is fail

    Examples:
      | district          |
      | Jimei District    |
      | Tong'an District  |
      | jimei             |
