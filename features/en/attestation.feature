Feature: An inspector's attestation decides a qualitative requirement

  @JA-14-1
  Scenario: A recorded judgement turns a review item into a pass
    Given a village "Jiufeng" in 晋安区
    And inspector "Lin" found JA-14-1 pass on 2026-05-20
    And the assessment date is 2026-06-30
    When it is assessed
    Then the status of JA-14-1 is pass
