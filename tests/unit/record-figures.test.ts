/** The record says what happened (issue 19): figures from the run, headings whole, the demo's plan tasks. */
import { contributionLabel } from '@diemcau/shared';
import { describe, expect, it } from 'vitest';
import { bacGiangDemo } from '../../server/src/demo/demo';
import { connectionText } from '../../server/src/record/record.docs';

describe('the figures of the minutes', () => {
  it.each([
    [3, 18, 'kết nối 3/18 điểm cầu được mời'],
    [18, 18, 'kết nối 18 điểm cầu'],
    [0, 18, 'kết nối 0/18 điểm cầu được mời'],
    [1200, 3000, 'kết nối 1.200/3.000 điểm cầu được mời'],
    [0, 0, 'không có điểm cầu trực tuyến'],
  ])('%i connected of %i invited: "%s"', (connected, invited, text) => {
    expect(connectionText(connected, invited)).toBe(text);
  });

  it('a contribution is named whole, however long its topic', () => {
    const topic = 'Bồi dưỡng thường xuyên, bồi dưỡng nâng cao năng lực quản lý, giảng dạy '.repeat(6).trim();
    const label = contributionLabel({ unit: 'Phòng GDĐT huyện Lục Nam', topic });
    expect(label).toBe(`Phòng GDĐT huyện Lục Nam: ${topic}`);
    expect(label).not.toContain('…');
  });
});

describe('the demo meeting', () => {
  it('carries the Bắc Giang plan\'s tasks, deadlines moved with its date', () => {
    const tasks = bacGiangDemo('2026-12-07').tasks!;
    expect(tasks.map((t) => t.unit)).toEqual([
      'Các đồng chí Phó Giám đốc Sở',
      'Văn phòng',
      'Trưởng các phòng thuộc Sở, Chánh Thanh tra Sở',
      'Phòng GDĐT các huyện, thành phố; các đơn vị trực thuộc Sở; các trường cao đẳng có giảng dạy chương trình GDTX cấp THPT',
      'Sở GDĐT',
    ]);
    expect(tasks.filter((t) => t.deadline).map((t) => [t.deadline, t.deadlineText])).toEqual([
      ['2026-12-01', 'chậm nhất ngày 01/12/2026'],
      ['2026-12-01', 'trước ngày 01/12/2026'],
    ]);
    expect(bacGiangDemo('2023-11-24').tasks![2]!.task).toContain('chậm nhất ngày 18/11/2023');
  });
});
