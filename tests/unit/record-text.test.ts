import { describe, expect, it } from 'vitest';
import { vnInstant } from '@diemcau/shared';
import { agencyBlock, chairName, clockText, dateText, durationText } from '../../server/src/record/record.text';

describe('wording of the record documents', () => {
  it.each([
    ['Sở GDĐT Bắc Giang', 'Số: …/KH-SGDĐT', { parent: 'UBND TỈNH BẮC GIANG', issuer: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', place: 'Bắc Giang', code: 'SGDĐT' }],
    ['Sở Giáo dục và Đào tạo Bến Tre', '', { parent: 'UBND TỈNH BẾN TRE', issuer: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', place: 'Bến Tre', code: 'SGDĐT' }],
    ['Sở GD&ĐT tỉnh Quảng Ngãi', '123/KH-SGDĐT', { parent: 'UBND TỈNH QUẢNG NGÃI', issuer: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', place: 'Quảng Ngãi', code: 'SGDĐT' }],
    ['Phòng GDĐT huyện Lục Nam', '45/KH-PGDĐT', { parent: '', issuer: 'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN LỤC NAM', place: '', code: 'PGDĐT' }],
    ['', '', { parent: '', issuer: 'BAN TỔ CHỨC HỘI NGHỊ', place: '', code: 'BTCHN' }],
  ])('the agency block of "%s" (%s)', (organiser, ref, expected) => {
    expect(agencyBlock(organiser, ref)).toEqual(expected);
  });

  it.each([
    [0, '0 giây'],
    [45_400, '45 giây'],
    [360_000, '6 phút'],
    [750_000, '12 phút 30 giây'],
    [9_000_000, '2 giờ 30 phút'],
    [14_460_000, '4 giờ 01 phút'],
  ])('%i ms reads "%s"', (ms, text) => expect(durationText(ms)).toBe(text));

  it('times, dates and the chair are written the administrative way', () => {
    expect(clockText(vnInstant('2023-11-24', '07:05'))).toBe('07 giờ 05 phút');
    expect(dateText('2023-11-24')).toBe('ngày 24 tháng 11 năm 2023');
    expect(chairName('Đồng chí Tạ Việt Hùng, Giám đốc Sở GDĐT')).toBe('Tạ Việt Hùng');
    expect(chairName('Bà Nguyễn Thị Lan - Phó Giám đốc')).toBe('Nguyễn Thị Lan');
  });
});
