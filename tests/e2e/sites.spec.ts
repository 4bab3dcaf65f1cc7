import { createMeeting, createMeetingWithSites, DESKTOP, expect, PHONE, shot, smallMeeting, test, THREE_SITES } from './fixtures';

const [LUC_NGAN, YEN_THE, NGO_SI_LIEN] = THREE_SITES.map((site) => site.name) as [string, string, string];

test('sites check in and report a problem, one leaves; a roll call runs from the console; the board and the MC see it all', async ({ open }) => {
  const { access, sites } = await createMeetingWithSites(smallMeeting('Hội nghị kiểm thử điểm danh các điểm cầu'), THREE_SITES);
  const mc = await open();
  const board = await open();
  const lucNgan = await open(PHONE);
  const lucNganTv = await open(DESKTOP);
  const yenThe = await open(PHONE);
  const ngoSiLien = await open(PHONE);

  await mc.goto(`/mc/${access.mcToken}`);
  await board.goto(`/board/${access.leadershipToken}`);
  await lucNgan.goto(`/site/${sites[0]!.token}`);
  await lucNganTv.goto(`/site/${sites[0]!.token}`);
  await yenThe.goto(`/site/${sites[1]!.token}`);
  await ngoSiLien.goto(`/site/${sites[2]!.token}`);
  await expect(lucNgan.getByTestId('site-name')).toHaveText(LUC_NGAN);
  await expect(ngoSiLien.getByTestId('site-name')).toHaveText(NGO_SI_LIEN);
  await expect(board.getByTestId('board-row')).toHaveCount(3);
  await shot(lucNgan, 'site-phone-before-check-in');

  // one site checks in; its second device (a hall TV) follows
  await lucNgan.getByLabel('Họ tên người đại diện').fill('Nguyễn Thị Minh Nguyệt');
  await lucNgan.getByLabel('Chức vụ', { exact: true }).fill('Phó Trưởng phòng GDĐT');
  await lucNgan.getByLabel('Số người có mặt', { exact: true }).fill('23');
  await lucNgan.getByRole('button', { name: 'Báo có mặt', exact: true }).click();
  await expect(lucNgan.getByTestId('checked-in')).toContainText('Đã báo có mặt lúc');
  await expect(lucNganTv.getByTestId('checked-in')).toContainText('Đã báo có mặt lúc');
  await shot(lucNgan, 'site-phone-checked-in');

  // another reports a problem with a quick pick
  await yenThe.getByRole('button', { name: '⚠ Báo sự cố kỹ thuật' }).click();
  await yenThe.getByRole('button', { name: 'Mất tiếng' }).click();
  await yenThe.getByRole('button', { name: 'Gửi báo sự cố' }).click();
  await expect(yenThe.getByTestId('readiness')).toHaveText('Đang báo sự cố: Mất tiếng');

  // the third closes its page
  await ngoSiLien.close();

  const row = (name: string) => board.getByTestId('board-row').filter({ hasText: name });
  await expect(row(LUC_NGAN)).toContainText('Nguyễn Thị Minh Nguyệt');
  await expect(row(LUC_NGAN)).toContainText('23/25');
  await expect(row(YEN_THE)).toContainText('Sự cố kỹ thuật');
  await expect(row(YEN_THE)).toContainText('Mất tiếng');
  await expect(row(NGO_SI_LIEN)).toContainText('Mất kết nối');
  await expect(row(NGO_SI_LIEN)).toContainText('Chưa báo có mặt');
  await expect(board.getByTestId('board-row').first()).toContainText(YEN_THE);
  await expect(board.getByTestId('total-checked-in')).toContainText('1/3');
  await expect(board.getByTestId('total-problems')).toContainText('1');
  await expect(row(NGO_SI_LIEN).getByRole('link', { name: '☎ 0204 385 1234' })).toHaveAttribute('href', 'tel:02043851234');

  // search without diacritics, then a status filter
  await board.getByRole('searchbox', { name: 'Tìm điểm cầu' }).fill('yen the');
  await expect(board.getByTestId('board-row')).toHaveCount(1);
  await board.getByRole('searchbox', { name: 'Tìm điểm cầu' }).fill('');
  await board.getByRole('combobox', { name: 'Trạng thái' }).selectOption({ label: 'Không kết nối' });
  await expect(board.getByTestId('board-row')).toHaveCount(1);
  await expect(board.getByTestId('board-row')).toContainText(NGO_SI_LIEN);
  await board.getByRole('combobox', { name: 'Trạng thái' }).selectOption({ label: 'Tất cả' });
  await expect(board.getByTestId('board-row')).toHaveCount(3);

  // the MC takes up the problem from the sites view; the site's page says so
  await mc.getByRole('link', { name: 'Điểm cầu (3)' }).click();
  await mc.getByTestId('acknowledge-problem').click();
  await expect(mc.getByTestId('problem-acknowledged')).toBeVisible();
  await expect(yenThe.getByTestId('problem-taken-up')).toContainText('Ban Tổ chức đã tiếp nhận sự cố lúc');
  await mc.goBack();

  await expect(mc.getByTestId('attention-count')).toHaveText('2 điểm cầu cần chú ý');
  await expect(mc.getByRole('link', { name: 'Mở bảng theo dõi đầy đủ ↗' })).toHaveAttribute('href', `/board/${access.leadershipToken}`);

  // the roll call
  await mc.getByRole('radio', { name: '1 phút' }).click();
  await mc.getByRole('textbox', { name: 'Tên lượt điểm danh' }).fill('Điểm danh đầu giờ');
  await mc.getByRole('button', { name: 'Bắt đầu điểm danh' }).click();
  await expect(lucNgan.getByTestId('roll-call-prompt')).toContainText('Điểm danh đầu giờ');
  await expect(yenThe.getByTestId('roll-call-prompt')).toBeVisible();
  await expect(lucNgan.getByRole('button', { name: 'Xác nhận có mặt (23 người)' })).toBeVisible();
  await shot(lucNgan, 'site-phone-roll-call');
  await shot(lucNganTv, 'site-tv-roll-call');
  await lucNgan.getByRole('button', { name: 'Xác nhận có mặt (23 người)' }).click();
  await expect(lucNganTv.getByTestId('roll-call-answered')).toContainText('23 người');
  await yenThe.getByRole('button', { name: /^Xác nhận có mặt/ }).click();
  await expect(yenThe.getByTestId('roll-call-answered')).toBeVisible();

  await expect(board.getByTestId('roll-call-answered')).toHaveText('Đã trả lời 2/3 điểm cầu');
  await expect(mc.getByTestId('roll-call-answered')).toHaveText('Đã trả lời 2/3 điểm cầu');
  await shot(mc, 'mc-attendance');
  await shot(board, 'board-roll-call');

  await mc.getByRole('button', { name: '■ Kết thúc điểm danh' }).click();
  await expect(lucNgan.getByTestId('roll-call-prompt')).toHaveCount(0);
  await expect(yenThe.getByTestId('roll-call-prompt')).toHaveCount(0);
  await expect(board.getByTestId('roll-call-progress')).toContainText('Đã kết thúc lúc');
  await expect(row(NGO_SI_LIEN)).toContainText('Chưa trả lời điểm danh');
  await expect(row(LUC_NGAN)).not.toContainText('Chưa trả lời điểm danh');
  await shot(board, 'board-desktop');
  await shot(lucNganTv, 'site-tv');

  const phoneBoard = await open(PHONE);
  await phoneBoard.goto(`/board/${access.leadershipToken}`);
  await expect(phoneBoard.getByTestId('board-row').first()).toContainText(YEN_THE);
  await shot(phoneBoard, 'board-phone');
  await phoneBoard.getByTestId('board-row').first().scrollIntoViewIfNeeded();
  await shot(phoneBoard, 'board-phone-list');
});

test('the MC imports sites from a CSV file and from rows pasted from Excel, then prints their sheets', async ({ open }) => {
  const access = await createMeeting(smallMeeting('Hội nghị kiểm thử nhập danh sách điểm cầu'));
  const mc = await open();
  const chunks: string[] = [];
  mc.on('request', (request) => chunks.push(request.url()));
  await mc.goto(`/mc/${access.mcToken}`);
  await mc.getByRole('link', { name: 'Điểm cầu (0)' }).click();
  await expect(mc).toHaveURL(/\/sites$/);
  await expect(mc.getByText('Chưa có điểm cầu nào.', { exact: false })).toBeVisible();

  const csv = [
    'Tên điểm cầu,Nhóm,Người liên hệ,Số điện thoại,Email,Số người dự kiến',
    'Phòng GDĐT huyện Lục Ngạn,Phòng GDĐT huyện,Nguyễn Văn An,0912 345 678,lucngan@bacgiang.edu.vn,25',
    'Trường THPT Yên Thế,Trường THPT,Lê Văn Bình,0987 111 222,,-4',
    'Trường Phổ thông Dân tộc Nội trú Trung học cơ sở và Trung học phổ thông huyện Sơn Động,Trường THPT,Hoàng Thị Cúc,0977 333 444,,18',
  ].join('\n');
  await mc.getByRole('button', { name: 'Nhập từ Excel / CSV' }).click();
  const dialog = mc.getByRole('dialog', { name: 'Nhập danh sách điểm cầu' });
  await dialog.getByLabel('Tệp danh sách điểm cầu (.xlsx hoặc .csv)').setInputFiles({ name: 'danh-sach-diem-cau.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}`) });
  await expect(dialog.getByTestId('import-summary')).toHaveText('2 dòng hợp lệ, 1 dòng lỗi');
  await expect(dialog.getByTestId('import-row')).toHaveCount(3);
  await expect(dialog.getByTestId('import-row').nth(1)).toContainText('không được âm');
  await expect(dialog.getByRole('button', { name: 'Thêm 2 điểm cầu' })).toBeDisabled();
  await shot(mc, 'sites-import-preview');
  await dialog.getByLabel('Chỉ thêm các dòng hợp lệ (bỏ qua 1 dòng lỗi)').check();
  await dialog.getByRole('button', { name: 'Thêm 2 điểm cầu' }).click();
  await expect(dialog).toBeHidden();
  await expect(mc.getByTestId('site-row')).toHaveCount(2);

  await mc.getByRole('button', { name: 'Nhập từ Excel / CSV' }).click();
  await dialog.getByRole('tab', { name: 'Dán từ Excel' }).click();
  await dialog.getByLabel('Dán các dòng sao chép từ Excel (mỗi dòng một điểm cầu)').fill('Phòng GDĐT huyện Yên Dũng\tPhòng GDĐT huyện\tTrần Văn Dũng\t0911 000 111\t\t15\nTrung tâm GDNN-GDTX huyện Lục Nam\tĐơn vị trực thuộc\t\t\t\t6');
  await dialog.getByRole('button', { name: 'Xem trước' }).click();
  await expect(dialog.getByTestId('import-summary')).toHaveText('2 dòng hợp lệ, 0 dòng lỗi');
  await dialog.getByRole('button', { name: 'Thêm 2 điểm cầu' }).click();
  await expect(mc.getByTestId('site-row')).toHaveCount(4);
  await expect(mc.getByTestId('site-pin')).toHaveCount(4);

  // a name already used is refused, whatever the accents
  await mc.getByRole('button', { name: '+ Thêm điểm cầu' }).click();
  const add = mc.getByRole('dialog', { name: 'Thêm điểm cầu' });
  await add.getByLabel('Tên điểm cầu').fill('phong gddt huyen yen dung');
  await add.getByRole('button', { name: 'Lưu' }).click();
  await expect(add.getByRole('alert')).toContainText('trùng tên');
  await add.getByRole('button', { name: 'Hủy' }).click();

  await mc.getByRole('searchbox', { name: 'Tìm điểm cầu' }).fill('luc ngan');
  await expect(mc.getByTestId('site-row')).toHaveCount(1);
  const oldPin = await mc.getByTestId('site-pin').innerText();
  await mc.getByRole('button', { name: 'Cấp lại đường dẫn và PIN: Phòng GDĐT huyện Lục Ngạn' }).click();
  await mc.getByRole('dialog').getByRole('button', { name: 'Cấp lại đường dẫn và PIN' }).click();
  await expect(mc.getByTestId('site-pin')).not.toHaveText(oldPin);
  await mc.getByRole('searchbox', { name: 'Tìm điểm cầu' }).fill('');
  await shot(mc, 'sites-list');

  // the QR library loads only with the print sheet
  expect(chunks.some((url) => url.includes('PrintSheet'))).toBe(false);
  await mc.getByRole('button', { name: 'In phiếu điểm cầu' }).click();
  await expect(mc.getByTestId('print-pages').locator('.print-page')).toHaveCount(4);
  await expect(mc.getByTestId('print-pages').getByRole('img', { name: /^Mã QR đường dẫn của/ })).toHaveCount(4);
  expect(chunks.some((url) => url.includes('PrintSheet'))).toBe(true);
  await shot(mc, 'sites-print-sheet');
  await mc.getByRole('radio', { name: 'Bảng tóm tắt' }).click();
  await expect(mc.getByTestId('print-table').locator('tbody tr')).toHaveCount(4);
  await shot(mc, 'sites-print-table');
});

test('a site PIN from /pin opens that site\'s page', async ({ open }) => {
  const { access, sites } = await createMeetingWithSites(smallMeeting('Hội nghị kiểm thử PIN điểm cầu'), THREE_SITES);
  const page = await open(PHONE);
  await page.goto('/pin');
  await page.getByLabel('Mã hội nghị').fill(access.code);
  await page.getByLabel('Mã PIN').fill(sites[1]!.pin);
  await page.getByRole('button', { name: 'Vào hội nghị' }).click();
  await expect(page).toHaveURL(new RegExp(`/site/${sites[1]!.token}$`));
  await expect(page.getByTestId('site-name')).toHaveText(YEN_THE);
});

test('a board of 3,000 sites keeps only the rows in view in the page, and finds any of them', async ({ open }) => {
  const many = Array.from({ length: 3_000 }, (_, i) => ({
    name: `Trường Tiểu học và Trung học cơ sở số ${i + 1} xã Đồng Tâm`,
    group: i % 3 === 0 ? 'Trường THCS' : 'Trường Tiểu học',
    contactName: 'Hiệu trưởng',
    phone: `0900 ${String(i).padStart(6, '0')}`,
    expectedHeadcount: 10,
  }));
  const { access } = await createMeetingWithSites(smallMeeting('Hội nghị kiểm thử 3.000 điểm cầu'), many);
  const board = await open();
  await board.goto(`/board/${access.leadershipToken}`);
  await expect(board.getByTestId('board-count')).toHaveText('3000/3000 điểm cầu');
  expect(await board.getByTestId('board-row').count()).toBeLessThan(60);

  // an office screen scrolls the rows inside the list panel, not the page
  await board.locator('.board-list__rows').evaluate((rows) => rows.scrollTo(0, rows.scrollHeight));
  await expect(board.getByTestId('board-row').last()).toBeInViewport();
  expect(await board.getByTestId('board-row').count()).toBeLessThan(60);

  await board.getByRole('searchbox', { name: 'Tìm điểm cầu' }).fill('so 2999 xa dong tam');
  await expect(board.getByTestId('board-row')).toHaveCount(1);
  await expect(board.getByTestId('board-row')).toContainText('số 2999');
  await board.getByRole('searchbox', { name: 'Tìm điểm cầu' }).fill('');
  await board.getByRole('combobox', { name: 'Nhóm' }).selectOption('Trường THCS');
  await expect(board.getByTestId('board-count')).toHaveText('1000/3000 điểm cầu');
});
