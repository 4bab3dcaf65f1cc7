import { describe, expect, it } from 'vitest';
import { DUPLICATE_THRESHOLD, groupDuplicates, normalizeQuestion, questionSimilarity, questionTokens } from '@diemcau/shared';

const items = (...texts: string[]) => texts.map((text, i) => ({ id: `q${i}`, text }));
const ids = (groups: { id: string }[][]) => groups.map((g) => g.map((q) => q.id));

describe('normalizeQuestion', () => {
  it.each([
    ['Khi nào giáo viên được tăng lương???', 'khi nao giao vien duoc tang luong'],
    ['  Sở   GDĐT\tBắc Giang  ', 'so giao duc dao tao bac giang'],
    ['Sở GD&ĐT hỗ trợ 50k', 'so giao duc dao tao ho tro 50k'],
    ['gv k dc tang lg a 😭😭', 'giao vien khong duoc tang luong a'],
    ['hs lop 10 nghi hoc ntn z', 'hoc sinh lop 10 nghi hoc nhu the nao vay'],
    ['CBQL, NV và PHHS', 'can bo quan ly nhan vien va phu huynh hoc sinh'],
    ['Mua 5 kg gạo', 'mua 5 kg gao'],
    ['Phụ lục V có gì không v', 'phu luc v co gi khong vay'],
    ['Trường TH và THCS', 'truong th va thcs'],
    ['Đường đi — “Điện Biên”…', 'duong di dien bien'],
    ['NFD: Lu\u031bo\u031b\u0300ng', 'nfd luong'],
    ['', ''],
    ['?!… 👍', ''],
  ])('%j → %j', (text, normalized) => {
    expect(normalizeQuestion(text)).toBe(normalized);
  });
});

describe('questionTokens', () => {
  it.each([
    ['Bao giờ thì tăng lương cho giáo viên ạ???', ['tang', 'luong', 'giao', 'vien']],
    ['Cho em hỏi là giáo viên có được tăng lương không ạ', ['giao', 'vien', 'tang', 'luong']],
    ['gv khi nao dc tang luong vay', ['giao', 'vien', 'tang', 'luong']],
    // A spelled "thì" is a particle, "thi" an exam; unaccented "thi" may be either and is kept.
    ['Thì thi tốt nghiệp', ['thi', 'tot', 'nghiep']],
    ['chi phí học tiếng Anh của chị', ['chi', 'phi', 'hoc', 'tieng', 'anh']],
    ['chi phi hoc tieng anh cua chi', ['chi', 'phi', 'hoc', 'tieng', 'anh']],
    ['de nghi co so vat chat', ['co', 'so', 'vat', 'chat']],
    ['Vì sao / tại sao chưa có lương?', ['vi', 'sao', 'luong']],
    ['giáo viên giáo viên GV', ['giao', 'vien']],
    ['ạ ơi nhé', []],
    ['...', []],
  ])('%j → %j', (text, tokens) => {
    expect(questionTokens(text)).toEqual(tokens);
  });
});

describe('questionSimilarity', () => {
  it('is 1 for the same content, symmetric, order independent in its tokens, 0 without content', () => {
    const a = 'Đề nghị Sở hỗ trợ kinh phí sửa chữa phòng học';
    const b = 'Kinh phí sửa chữa phòng học đề nghị Sở hỗ trợ';
    expect(questionSimilarity(a, a)).toBe(1);
    expect(questionSimilarity(a, b)).toBe(questionSimilarity(b, a));
    expect(questionSimilarity('tăng lương giáo viên', 'giáo viên tăng lương')).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(questionSimilarity('', a)).toBe(0);
    expect(questionSimilarity('???', '!!!')).toBe(0);
  });

  it.each([
    ['tăng lương giáo viên', 'tăng lương nhân viên'],
    ['Tuyển sinh lớp 10', 'Tuyển sinh lớp 6'],
    ['Thông tư 29 về dạy thêm', 'Thông tư 32 về dạy thêm'],
    ['Đề nghị tăng lương cơ sở', 'Đề nghị tăng cơ sở vật chất'],
    ['Khi nào giáo viên được tăng lương', 'Khi nào giáo viên được nghỉ hè'],
  ])('%j and %j stay below the threshold', (a, b) => {
    expect(questionSimilarity(a, b)).toBeLessThan(DUPLICATE_THRESHOLD);
  });
});

describe('groupDuplicates', () => {
  it.each([
    {
      name: 'salary: accents, word order, stop words, teencode',
      texts: ['Khi nào giáo viên được tăng lương?', 'khi nao giao vien duoc tang luong', 'Bao giờ thì tăng lương cho giáo viên ạ???', 'gv khi nao dc tang luong vay'],
    },
    {
      name: 'classroom repairs: accents, punctuation, word order',
      texts: ['Đề nghị Sở hỗ trợ kinh phí sửa chữa phòng học', 'de nghi so ho tro kinh phi sua chua phong hoc!!!', 'Kinh phí sửa chữa phòng học đề nghị Sở hỗ trợ'],
    },
    {
      name: 'permanent posts',
      texts: ['Bao giờ giáo viên hợp đồng được xét vào biên chế?', 'GV hợp đồng khi nào được vào biên chế ạ'],
    },
    {
      name: 'Thông tư 29, same number',
      texts: ['Xin hỏi về việc dạy thêm học thêm theo Thông tư 29', 'Thông tư 29 về dạy thêm học thêm áp dụng thế nào?'],
    },
    {
      name: 'paperwork, one unaccented with teencode',
      texts: ['Đề nghị giảm bớt hồ sơ sổ sách cho giáo viên', 'giam ho so so sach cho gv di a'],
    },
  ])('$name: one group, in input order', ({ texts }) => {
    const list = items(...texts);
    expect(groupDuplicates(list)).toEqual([list]);
  });

  it.each([
    ['tăng lương giáo viên', 'giảm tiết dạy cho giáo viên'],
    ['thi tốt nghiệp THPT', 'tuyển sinh lớp 10'],
    ['Giáo viên hợp đồng có được xét thi đua không?', 'Giáo viên có được nghỉ hè không?'],
    ['Chế độ cho giáo viên dạy tiếng Anh', 'Tập huấn giáo viên chương trình mới'],
    ['Tuyển sinh lớp 10', 'Tuyển sinh lớp 6'],
    ['tăng lương giáo viên', 'tăng lương nhân viên'],
  ])('%j and %j are not grouped', (a, b) => {
    expect(groupDuplicates(items(a, b))).toEqual([]);
  });

  it.each([
    { texts: ['Lương?', 'lương'], groups: [['q0', 'q1']] },
    { texts: ['tăng lương', 'Tăng lương!'], groups: [['q0', 'q1']] },
    { texts: ['tăng lương', 'tăng lương giáo viên'], groups: [['q0', 'q1']] },
    { texts: ['lương', 'tăng lương'], groups: [] },
    { texts: ['học phí', 'học bạ'], groups: [] },
    { texts: ['giáo viên', 'giáo viên mầm non thiếu nhiều'], groups: [] },
  ])('short texts $texts → $groups', ({ texts, groups }) => {
    expect(ids(groupDuplicates(items(...texts)))).toEqual(groups);
  });

  it('never groups empty or punctuation-only texts', () => {
    expect(groupDuplicates(items('', '   ', '???', '!!!', '😀😀', 'ạ', 'ạ ơi'))).toEqual([]);
    expect(groupDuplicates([])).toEqual([]);
  });

  it('orders groups by size, then by first appearance; items keep input order', () => {
    const list = items(
      'Khi nào có sách giáo khoa mới?', // q0  books
      'Tăng lương giáo viên', // q1  salary
      'khi nao co sgk moi', // q2  books
      'Sửa chữa phòng học', // q3  alone
      'giáo viên tăng lương', // q4  salary
      'tang luong giao vien', // q5  salary
    );
    expect(ids(groupDuplicates(list))).toEqual([
      ['q1', 'q4', 'q5'],
      ['q0', 'q2'],
    ]);
  });

  it('compares with the first item of a group, so unrelated texts do not chain through a middle one', () => {
    const a = 'Hỗ trợ kinh phí mua thiết bị dạy học';
    const b = 'Hỗ trợ kinh phí mua thiết bị dạy học cho trường mầm non vùng khó khăn';
    const c = 'Trường mầm non vùng khó khăn thiếu thiết bị dạy học';
    expect(questionSimilarity(a, b)).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(questionSimilarity(b, c)).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(questionSimilarity(a, c)).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(ids(groupDuplicates(items(a, b, c)))).toEqual([['q0', 'q1']]);
  });

  it('takes a threshold', () => {
    const list = items('tăng lương giáo viên', 'tăng lương nhân viên');
    expect(ids(groupDuplicates(list, { threshold: 0.5 }))).toEqual([['q0', 'q1']]);
    expect(groupDuplicates(items('a b c', 'a b c'), { threshold: 1 })).toHaveLength(1);
  });

  it('groups 5,000 items: 800 questions asked five ways each among 1,000 singletons', () => {
    // A question is a subject from two lists plus its own file number; questions on the same
    // subject differ by that number. Singletons are file numbers alone.
    const first = ['kinh phí', 'phòng học', 'thiết bị', 'sách giáo khoa', 'bán trú', 'học phí', 'thư viện', 'y tế học đường', 'nhà vệ sinh', 'sân chơi'];
    const second = ['miền núi', 'ven biển', 'nông thôn', 'thành phố', 'hải đảo', 'biên giới', 'dân tộc', 'khuyết tật'];
    const question = (i: number) => ({ subject: `${first[i % 10]} ${second[Math.floor(i / 10) % 8]}`, file: 1000 + i });
    const ways = [
      (q: ReturnType<typeof question>) => `Cho em hỏi về ${q.subject} hồ sơ ${q.file} ạ?`,
      (q: ReturnType<typeof question>) => normalizeQuestion(`Về ${q.subject}, hồ sơ ${q.file}!!!`),
      (q: ReturnType<typeof question>) => `Hồ sơ ${q.file}: ${q.subject.toUpperCase()}`,
      (q: ReturnType<typeof question>) => `${q.subject} hồ sơ ${q.file} thì sao`,
      (q: ReturnType<typeof question>) => `e hoi ${normalizeQuestion(q.subject)} ho so ${q.file} vs a`,
    ];
    const list: { id: string; text: string; question: number }[] = [];
    for (const [w, way] of ways.entries()) {
      for (let i = 0; i < 800; i++) list.push({ id: `q${i}-w${w}`, text: way(question(i)), question: i });
      for (let i = 0; i < 200; i++) list.push({ id: `s${w}-${i}`, text: `Hồ sơ số ${90_000 + w * 1000 + i}`, question: -1 });
    }
    expect(list).toHaveLength(5_000);

    const groups = groupDuplicates(list);

    expect(groups).toHaveLength(800);
    groups.forEach((group, i) => {
      expect(group.map((q) => q.question)).toEqual([i, i, i, i, i]);
      expect(group.map((q) => q.id)).toEqual([0, 1, 2, 3, 4].map((w) => `q${i}-w${w}`));
    });
  });
});
