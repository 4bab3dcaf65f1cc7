import { adminToken, createMeeting, expect, PHONE, shot, smallMeeting, test } from './fixtures';

test('the organiser searches, creates, edits, duplicates and deletes a meeting', async ({ open }) => {
  const admin = await open();
  const unique = `${Date.now()}`.slice(-6);
  const title = `Hội nghị sơ kết học kỳ I khối THPT ${unique}`;
  await createMeeting(smallMeeting(`Giao ban Phòng GDĐT Lục Nam ${unique}`));

  await admin.goto(`/admin/${adminToken()}`);
  await expect(admin.getByRole('heading', { name: 'Quản lý hội nghị' })).toBeVisible();
  // diacritic-insensitive search on the server
  await admin.getByRole('searchbox', { name: 'Tìm hội nghị' }).fill(`luc nam ${unique}`);
  await expect(admin.getByTestId('meeting-row')).toHaveCount(1);
  await expect(admin.getByTestId('meeting-row')).toContainText(`Giao ban Phòng GDĐT Lục Nam ${unique}`);
  await admin.getByRole('searchbox', { name: 'Tìm hội nghị' }).fill('');
  await expect(admin.getByTestId('meeting-row').first()).toBeVisible();
  await shot(admin, 'admin-list');

  await admin.getByRole('button', { name: '+ Tạo hội nghị' }).click();
  const form = admin.getByRole('dialog', { name: 'Tạo hội nghị mới' });
  await form.getByLabel('Tên hội nghị').fill(title);
  await form.getByLabel('Số / Kế hoạch (KH)').fill('Số: 215/KH-SGDĐT');
  await form.getByLabel('Đơn vị tổ chức').fill('Sở GDĐT Bắc Giang');
  await form.getByLabel('Giờ bắt đầu').fill('14:00');
  await form.getByLabel('Hình thức').selectOption('online');
  await form.getByLabel('Địa điểm (điểm cầu chính)').fill('Hội trường A, Sở GDĐT');
  await form.getByLabel('Chủ trì').fill('Đồng chí Giám đốc Sở');
  await shot(admin, 'admin-create');
  await form.getByRole('button', { name: 'Tạo hội nghị mới' }).click();
  const created = admin.getByRole('dialog', { name: 'Đã tạo hội nghị. Mã và PIN ở dưới đây.' });
  await expect(created.getByTestId('meeting-code')).toHaveText(/^\d{6}$/);
  await expect(created.getByTestId('meeting-pin')).toHaveText(/^\d{8}$/);
  await created.getByRole('button', { name: 'Đóng' }).click();

  await admin.getByRole('searchbox', { name: 'Tìm hội nghị' }).fill(unique);
  const row = admin.getByTestId('meeting-row').filter({ hasText: title });
  await expect(row).toContainText('0');
  await row.getByRole('button', { name: 'Liên kết & PIN' }).click();
  const mcHref = await row.getByRole('link', { name: 'Mở bàn điều khiển MC ↗' }).getAttribute('href');
  await shot(admin, 'admin-links');

  // in the console: edit details, add two items, reorder, delete one
  const mc = await open();
  await mc.goto(mcHref!);
  await expect(mc.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(mc.getByText('Chương trình chưa có mục nào', { exact: false }).first()).toBeVisible();
  await shot(mc, 'mc-empty-agenda');

  await mc.getByRole('button', { name: 'Sửa thông tin hội nghị' }).click();
  const details = mc.getByRole('dialog', { name: 'Sửa thông tin hội nghị' });
  await details.getByLabel('Tên hội nghị').fill(`${title} (đã sửa)`);
  await details.getByRole('button', { name: 'Lưu' }).click();
  await expect(mc.getByRole('heading', { level: 1 })).toHaveText(`${title} (đã sửa)`);

  const addItem = async (itemTitle: string, minutes: string) => {
    await mc.getByRole('button', { name: '+ Thêm mục' }).click();
    const dialog = mc.getByRole('dialog');
    await dialog.getByLabel('Nội dung').fill(itemTitle);
    await dialog.getByLabel('Người thực hiện').fill('Chánh Văn phòng Sở');
    await dialog.getByLabel('Thời lượng (phút)').fill(minutes);
    await dialog.getByLabel('Các ý (mỗi dòng một ý)').fill('Ý thứ nhất\nÝ thứ hai');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect(dialog).toBeHidden();
  };
  await addItem('Tuyên bố lý do, giới thiệu đại biểu', '5');
  await addItem('Báo cáo sơ kết học kỳ I', '25');
  const rows = mc.getByTestId('agenda-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('25 phút');

  await mc.getByRole('button', { name: 'Đưa lên: Báo cáo sơ kết học kỳ I' }).click();
  await expect(rows.nth(0)).toContainText('Báo cáo sơ kết học kỳ I');
  await expect(rows.nth(1)).toContainText('Tuyên bố lý do');

  await mc.getByRole('button', { name: 'Sửa mục: Tuyên bố lý do, giới thiệu đại biểu' }).click();
  await mc.getByRole('dialog').getByLabel('Thời lượng (phút)').fill('8');
  await mc.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
  await expect(rows.nth(1)).toContainText('8 phút');
  await shot(mc, 'mc-edited-agenda');

  await mc.getByRole('button', { name: 'Xóa mục: Tuyên bố lý do, giới thiệu đại biểu' }).click();
  await mc.getByRole('dialog').getByRole('button', { name: 'Xóa' }).click();
  await expect(rows).toHaveCount(1);

  // back in the list: the copy, then deleting it
  await admin.reload();
  await admin.getByRole('searchbox', { name: 'Tìm hội nghị' }).fill(unique);
  const edited = admin.getByTestId('meeting-row').filter({ hasText: `${title} (đã sửa)` });
  await expect(edited).toContainText('1');
  await edited.getByRole('button', { name: 'Nhân bản' }).click();
  const copy = admin.getByTestId('meeting-row').filter({ hasText: '(bản sao)' });
  await expect(copy).toHaveCount(1);
  await copy.getByRole('button', { name: 'Xóa' }).click();
  await admin.getByRole('dialog', { name: 'Xóa hội nghị?' }).getByRole('button', { name: 'Xóa' }).click();
  await expect(copy).toHaveCount(0);
  await expect(edited).toHaveCount(1);
});

test('PIN login: a wrong PIN is refused, the right one opens the console', async ({ open }) => {
  const access = await createMeeting(smallMeeting('Hội nghị kiểm thử đăng nhập bằng PIN'));
  const wrongPin = access.mcPin === '00000000' ? '11111111' : '00000000';
  for (const viewport of [undefined, PHONE]) {
    const page = await open(viewport);
    await page.goto('/pin');
    await page.getByLabel('Mã hội nghị').fill(access.code);
    await page.getByLabel('Mã PIN').fill(wrongPin);
    await page.getByRole('button', { name: 'Vào hội nghị' }).click();
    await expect(page.getByRole('alert')).toHaveText('Mã hội nghị hoặc PIN không đúng. Kiểm tra lại với Ban Tổ chức.');
    await shot(page, viewport ? 'pin-phone-error' : 'pin-error');
    await page.getByLabel('Mã PIN').fill(access.mcPin);
    await page.getByRole('button', { name: 'Vào hội nghị' }).click();
    await expect(page).toHaveURL(/\/mc\//);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hội nghị kiểm thử đăng nhập bằng PIN');
  }
});

test('the console switches to English and back', async ({ open }) => {
  const access = await createMeeting(smallMeeting('Hội nghị kiểm thử song ngữ'));
  const mc = await open();
  await mc.goto(`/mc/${access.mcToken}`);
  await expect(mc.getByRole('button', { name: 'Bắt đầu hội nghị' })).toBeVisible();
  await mc.getByRole('button', { name: 'English' }).click();
  await expect(mc.getByRole('button', { name: 'Start meeting' })).toBeVisible();
  await expect(mc.getByRole('heading', { name: 'Agenda' })).toBeVisible();
  await expect(mc.locator('html')).toHaveAttribute('lang', 'en');
  await mc.getByRole('button', { name: 'Start meeting' }).click();
  await expect(mc.getByRole('button', { name: 'Next ▶' })).toBeVisible();
  await shot(mc, 'mc-english');
  // the choice survives a reload on this device
  await mc.reload();
  await expect(mc.getByRole('button', { name: 'Next ▶' })).toBeVisible();
  await mc.getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(mc.getByRole('button', { name: 'Tiếp ▶' })).toBeVisible();
});
