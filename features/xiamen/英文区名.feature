# language: zh-CN
功能: 按区划表英文名写的区即该区
  rules/divisions.yaml 列有各区的英文名（Tong'an District、Jimei District）；按此写的所在区（大小写、撇号不论）即该区，
  不再被当作方案未覆盖的地方，也不与其行政区划代码冲突。

  @XM-0-29
  场景大纲: 所在区写作英文名的行政村按该区评估
    假如 一个位于<区>的行政村“某村”
    而且 指标“已建成美丽乡村”为 否
    而且 评估日期为 2028-01-15
    当 评估
    那么 要求 XM-0-29 的状态为 数据不足

    例子:
      | 区               |
      | Tong'an District |
      | tongan district  |
      | TONG’AN DISTRICT |
