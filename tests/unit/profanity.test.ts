import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { markFlagged, screenText } from '@diemcau/shared';

describe('screenText: ordinary school text is never flagged', () => {
  it.each([
    // words whose unaccented form looks like an entry, used innocently, with diacritics
    'Buổi học chiều nay có được nghỉ không ạ?',
    'Môn Ngữ văn lớp 9 thi mấy tiết?',
    'Các thầy cô đề nghị Sở sớm tăng lương',
    'Trường em cần phòng học lớn hơn cho lớp đông',
    'Học sinh có phải đeo khẩu trang khi đến trường không?',
    'Kinh phí du lịch hè cho giáo viên lấy từ đâu?',
    'Dù khó khăn nhưng nhà trường vẫn cố gắng',
    'Trường THCS Đinh Tiên Hoàng hỏi về phòng chống dịch bệnh',
    'Giờ ngủ trưa của trẻ mầm non có được tính giờ dạy không?',
    'Đội ngũ giáo viên ngoại ngữ còn thiếu',
    'Miễn học phí cho con các hộ nghèo',
    'Xếp lương theo thang cho giáo viên mới tuyển',
    'Giáo viên bị mất dạy thêm thì thu nhập giảm',
    'Sữa hạt óc chó cho bữa ăn bán trú',
    'Con chó cắn học sinh trên đường đến trường',
    'Khối D1, A1 và lớp 10A1 tuyển sinh thế nào?',
    'Đ/c Hiệu trưởng cho hỏi điểm môn VL, chất lượng CL, chứng chỉ CC',
    'Mất điện do điện lực cắt, Cặp lồng cơm, lông mày',
    'Chăn nuôi súc vật trong trường nghề nông nghiệp',
    'Mẹ may áo đồng phục cho con',
    'Lớp 6 A, B, C; v.v. và T.P Hồ Chí Minh',
    'Trường Tiểu học Đồng Đăng, thầy Đỗ Đức Mạnh',
    'Bộ máy tổ chức, cái lớn nhất là con người',
    'ĐM giờ dạy của giáo viên tiểu học, DM thiết bị tối thiểu',
    // the same, written without diacritics
    'buoi hoc chieu nay co duoc nghi khong',
    'mon ngu van lop 9 thi may tiet',
    'cac thay co de nghi so tang luong',
    'truong em can phong hoc lon hon',
    'hoc sinh phai deo khau trang khong',
    'kinh phi du lich he cho giao vien',
    'du kho khan nhung nha truong van co gang',
    'gio ngu trua cua tre mam non',
    'doi ngu giao vien ngoai ngu con thieu',
    'mien hoc phi cho con cac ho ngheo',
    'xep luong theo thang cho giao vien',
    'me may ao dong phuc cho con',
    'mat dien do dien luc cat',
    'bo may to chuc, cai lon nhat',
    'cho con di hoc som, toi di ngu som',
    'truong bi mat day dien',
    '',
    '!!! ??? 😀',
  ])('%j', (text) => {
    expect(screenText(text)).toEqual({ flagged: false, matches: [] });
  });
});

describe('screenText: abuse is flagged as typed, never spelled out', () => {
  it.each([
    ['Đm Sở', ['Đm']],
    ['dm so lam an the a', ['dm']],
    ['đ.m cái hội nghị', ['đ.m']],
    ['d-m', ['d-m']],
    ['ĐMMMM', ['ĐMMMM']],
    ['dcm họp hoài', ['dcm']],
    ['hop vcl', ['vcl']],
    ['lồn', ['lồn']],
    ['l0n', ['l0n']],
    ['l o n', ['l o n']],
    ['con cac', ['con cac']],
    ['cặc', ['cặc']],
    ['c4c', ['c4c']],
    ['Óc chó à?', ['Óc chó']],
    ['oc cho', ['oc cho']],
    ['oc ch0', ['oc ch0']],
    ['mẹ mày', ['mẹ mày']],
    ['me may', ['me may']],
    ['ngu như bò', ['ngu như bò']],
    ['ngu nhu bo', ['ngu nhu bo']],
    ['Sở làm việc ngu quá', ['ngu']],
    ['đồ khốn nạn', ['đồ khốn']],
    ['khon nan', ['khon nan']],
    ['lũ súc vật', ['súc vật']],
    ['$uc v@t', ['$uc v@t']],
    ['thằng chó', ['thằng chó']],
    ['chó chết', ['chó chết']],
    ['học sinh mất dạy', ['mất dạy']],
    ['đồ điên', ['đồ điên']],
    ['djt', ['djt']],
    ['dit me', ['dit me']],
    ['đéo trả lời', ['đéo']],
    ['đ3o', ['đ3o']],
    ['đĩ', ['đĩ']],
    ['bu0i', ['bu0i']],
    ['đụ má', ['đụ má']],
    ['du ma', ['du ma']],
    ['clm', ['clm']],
    ['FUCK', ['FUCK']],
    ['Đm, họp gì mà lâu vcl, đéo hiểu', ['Đm', 'vcl', 'đéo']],
    ['đm đm ĐM', ['đm']],
  ])('%j → %j', (text, matches) => {
    expect(screenText(text)).toEqual({ flagged: true, matches });
  });
});

describe('the common Vietnamese abbreviations, however they are typed', () => {
  it.each([
    'vl', 'VL', 'họp gì lâu vl', 'hay vl luôn', 'vcl', 'v.c.l', 'v c l', 'VKL', 'vkl thật', 'dm', 'Đ M', 'đ_m', 'dcm', 'đcm', 'clm', 'c.l.m', 'cc', 'hỏi cc',
    'dkm', 'đkm', 'vờ lờ', 'vãi lờ', 'vailon', 'dume', 'đmmm', 'ｄｍ', 'd\u200bm', 'v/l', 'vclll', 'clgt', 'CLGT', 'đếch hiểu', 'cmnr', 'duma',
  ])('%j is flagged, reported as typed', (text) => {
    const result = screenText(text);
    expect(result.flagged).toBe(true);
    for (const typed of result.matches) expect(text.normalize('NFC')).toContain(typed);
  });

  it.each([
    'Điểm môn VL lớp 11 của trường em', 'Giáo viên VL còn thiếu', 'VL xây dựng cho trường mới', 'chứng chỉ CC tin học', 'nộp CC ngoại ngữ B1', 'gửi cc cho phòng',
    'ĐM giờ dạy', 'DM thiết bị dạy học', 'Vấn đề VĐ học sinh', 'đĩa VCD bài giảng',
  ])('%j stays unflagged', (text) => {
    expect(screenText(text)).toEqual({ flagged: false, matches: [] });
  });
});

describe('what is shown is what was typed', () => {
  const pieces = fc.constantFrom('dm', 'Đm', 'vcl', 'đ.m', 'v l', 'clm', 'lồn', 'ngu như bò', 'Sở', 'họp', 'giáo viên', ' ', ', ', '.', 'VL', 'cc', '\u200b', 'ｄｍ');
  const texts = fc.array(pieces, { maxLength: 12 }).map((p) => p.join(' '));
  const EXPANSIONS = ['địt', 'vãi', 'cái lồn', 'con mẹ', 'cặc'];

  it('no match and no marked piece is ever more than the text: an abbreviation is never expanded', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const nfc = text.normalize('NFC');
        const { flagged, matches } = screenText(text);
        const marked = markFlagged(text);
        expect(marked.map((p) => p.text).join('')).toBe(nfc);
        expect(marked.some((p) => p.flagged)).toBe(flagged);
        for (const m of [...matches, ...marked.map((p) => p.text)]) expect(nfc).toContain(m);
        for (const word of EXPANSIONS) if (!nfc.toLowerCase().includes(word)) expect(JSON.stringify({ matches, marked }).toLowerCase()).not.toContain(word);
      }),
      { numRuns: 400 },
    );
  });

  it('marks the flagged words in place', () => {
    expect(markFlagged('Họp lâu vcl, đ.m Sở')).toEqual([
      { text: 'Họp lâu ', flagged: false },
      { text: 'vcl', flagged: true },
      { text: ', ', flagged: false },
      { text: 'đ.m', flagged: true },
      { text: ' Sở', flagged: false },
    ]);
  });
});
