import { adminToken, createMeeting, expect, shot, smallMeeting, test } from './fixtures';

const SCREEN_LINK = 'Đường dẫn màn chiếu / TV';

test('the organiser re-issues the projector link: the old projector page is cut off and says what to do, the new link works', async ({ open }) => {
  const unique = `${Date.now()}`.slice(-6);
  const title = `Giao ban cấp lại liên kết ${unique}`;
  const access = await createMeeting(smallMeeting(title));

  const projector = await open();
  await projector.goto(`/screen/${access.projectorToken}`);
  await expect(projector.getByText(title).first()).toBeVisible();

  const admin = await open();
  await admin.goto(`/admin/${adminToken()}`);
  await admin.getByRole('searchbox', { name: 'Tìm hội nghị' }).fill(unique);
  const row = admin.getByTestId('meeting-row').filter({ hasText: title });
  await row.getByRole('button', { name: 'Liên kết & PIN' }).click();
  const oldHref = await row.getByTestId('projector-link').getByRole('link').getAttribute('href');
  expect(oldHref).toContain(access.projectorToken);

  // the confirmation says live pages of the old link are cut; cancelling changes nothing
  await row.getByRole('button', { name: `Cấp lại: ${SCREEN_LINK}` }).click();
  const confirm = admin.getByRole('dialog', { name: 'Cấp lại' });
  await expect(confirm).toContainText('các trang đang mở bằng đường dẫn cũ bị ngắt kết nối');
  await confirm.getByRole('button', { name: 'Hủy' }).click();
  await expect(projector.getByText(title).first()).toBeVisible();
  await row.getByRole('button', { name: `Cấp lại: ${SCREEN_LINK}` }).click();
  await admin.getByRole('dialog', { name: 'Cấp lại' }).getByRole('button', { name: 'Cấp lại' }).click();

  // the page open on the old link is cut off at once and says what to do
  await expect(projector.getByText('Liên kết không hợp lệ hoặc đã bị thu hồi. Xin liên kết mới từ Ban Tổ chức.')).toBeVisible({ timeout: 15_000 });
  await shot(projector, 'reissue-old-projector');

  // the organiser sees the new link, marked, with its QR code
  const fresh = row.getByTestId('projector-link');
  await expect(fresh.getByRole('img', { name: SCREEN_LINK })).toBeVisible();
  const newHref = await fresh.getByRole('link').getAttribute('href');
  expect(newHref).not.toBe(oldHref);
  await shot(admin, 'reissue-admin');

  const renewed = await open();
  await renewed.goto(newHref!);
  await expect(renewed.getByText(title).first()).toBeVisible();
  await expect(renewed.getByText('Liên kết không hợp lệ')).toHaveCount(0);
  // and the old link stays refused
  const again = await open();
  await again.goto(oldHref!);
  await expect(again.getByText('Liên kết không hợp lệ hoặc đã bị thu hồi. Xin liên kết mới từ Ban Tổ chức.')).toBeVisible({ timeout: 15_000 });
});
