/**
 * A labelled set of pairs of reports about Vietnamese children, made for the tests: each pair is
 * one child reported twice (typed another way) or two children who look alike. Built from the
 * children below by the ways people really type a name again: marks left out, western order, one
 * letter off, Hoàng/Huỳnh and Vũ/Võ, an old 11-digit mobile number, a guessed age instead of the
 * date of birth; and the look-alikes a hotline meets: a common family name with another given
 * name, brothers and sisters (same parents, same phone), namesakes born years apart, Hà and Hạ.
 */
import { ReportedChild } from './duplicate-reports';
import { foldName } from './vietnamese-names';

interface Child {
  name: string;
  sex: 'female' | 'male';
  dob: string;
  commune: string;
  province: string;
  guardian: string;
  phone: string;
}

const CHILDREN: Child[] = [
  { name: 'Nguyễn Thị Lan', sex: 'female', dob: '2012-03-14', commune: '03390', province: '12', guardian: 'Nguyễn Văn Hùng', phone: '0912345678' },
  { name: 'Trần Văn Minh', sex: 'male', dob: '2011-07-02', commune: '03391', province: '12', guardian: 'Trần Thị Hoa', phone: '0987654321' },
  { name: 'Lê Thị Hà', sex: 'female', dob: '2013-11-20', commune: '03392', province: '12', guardian: 'Lê Văn Tâm', phone: '0903111222' },
  { name: 'Phạm Minh Tuấn', sex: 'male', dob: '2010-01-09', commune: '00004', province: '01', guardian: 'Phạm Thị Thu', phone: '0934555666' },
  { name: 'Hoàng Thị Mai', sex: 'female', dob: '2012-05-30', commune: '00007', province: '01', guardian: 'Hoàng Văn Nam', phone: '01682223344' },
  { name: 'Huỳnh Văn Phúc', sex: 'male', dob: '2009-09-17', commune: '26734', province: '79', guardian: 'Huỳnh Thị Lệ', phone: '0908777888' },
  { name: 'Vũ Thị Ngọc Ánh', sex: 'female', dob: '2014-02-11', commune: '00010', province: '01', guardian: 'Vũ Văn Thắng', phone: '0977123456' },
  { name: 'Võ Minh Khang', sex: 'male', dob: '2011-12-25', commune: '26737', province: '79', guardian: 'Võ Thị Kim', phone: '01213334455' },
  { name: 'Đặng Thị Thảo', sex: 'female', dob: '2010-06-06', commune: '03393', province: '12', guardian: 'Đặng Văn Lộc', phone: '0945666777' },
  { name: 'Bùi Quang Huy', sex: 'male', dob: '2012-08-19', commune: '00013', province: '01', guardian: 'Bùi Thị Nga', phone: '0915888999' },
  { name: 'Đỗ Thị Hương', sex: 'female', dob: '2013-04-04', commune: '26740', province: '79', guardian: 'Đỗ Văn Bình', phone: '0938222111' },
  { name: 'Hồ Văn Đức', sex: 'male', dob: '2010-10-10', commune: '03394', province: '12', guardian: 'Hồ Thị Sen', phone: '01234567890' },
  { name: 'Ngô Thị Yến', sex: 'female', dob: '2011-03-03', commune: '00016', province: '01', guardian: 'Ngô Văn Quý', phone: '0966333444' },
  { name: 'Dương Minh Trí', sex: 'male', dob: '2014-07-21', commune: '26743', province: '79', guardian: 'Dương Thị Lan', phone: '0909444555' },
  { name: 'Lý Thị Xuân', sex: 'female', dob: '2009-12-01', commune: '03395', province: '12', guardian: 'Lý Văn Sơn', phone: '0918555444' },
  { name: 'Giàng A Páo', sex: 'male', dob: '2011-05-15', commune: '03396', province: '12', guardian: 'Giàng A Chư', phone: '0388111222' },
  { name: 'Sùng Thị Mỷ', sex: 'female', dob: '2012-09-09', commune: '03397', province: '12', guardian: 'Sùng A Lử', phone: '01653334444' },
  { name: 'Thào Mí Dế', sex: 'female', dob: '2013-01-26', commune: '03398', province: '12', guardian: 'Thào A Tủa', phone: '0334567123' },
  { name: 'Lò Văn Khiêm', sex: 'male', dob: '2010-04-18', commune: '03399', province: '12', guardian: 'Lò Thị Ín', phone: '0823456789' },
  { name: 'Cầm Thị Phương', sex: 'female', dob: '2012-11-11', commune: '03400', province: '12', guardian: 'Cầm Văn Ỏn', phone: '01275556666' },
  { name: "H'Hen Niê", sex: 'female', dob: '2011-08-08', commune: '24100', province: '66', guardian: "H'Blan Niê", phone: '0905123123' },
  { name: 'Y Moan Ênuôl', sex: 'male', dob: '2010-02-14', commune: '24103', province: '66', guardian: "H'Lin Ênuôl", phone: '0916321321' },
  { name: "H'Ly Mlô", sex: 'female', dob: '2013-06-30', commune: '24106', province: '66', guardian: 'Y Brơm Mlô', phone: '01699887766' },
  { name: 'Y Thuyên Ayun', sex: 'male', dob: '2012-12-12', commune: '24109', province: '66', guardian: "H'Ngơi Ayun", phone: '0947123987' },
  { name: 'Nguyễn Văn An', sex: 'male', dob: '2011-01-01', commune: '03390', province: '12', guardian: 'Nguyễn Thị Bé', phone: '0971000111' },
  { name: 'Nguyễn Thị Thu Trang', sex: 'female', dob: '2010-05-05', commune: '00004', province: '01', guardian: 'Nguyễn Văn Dũng', phone: '0912000222' },
  { name: 'Nguyễn Hoàng Nam', sex: 'male', dob: '2013-09-23', commune: '26734', province: '79', guardian: 'Nguyễn Thị Út', phone: '0908000333' },
  { name: 'Trần Thị Bích Ngọc', sex: 'female', dob: '2012-02-29', commune: '00007', province: '01', guardian: 'Trần Văn Toàn', phone: '0983000444' },
  { name: 'Trần Quốc Bảo', sex: 'male', dob: '2009-11-30', commune: '26737', province: '79', guardian: 'Trần Thị Mận', phone: '0903000555' },
  { name: 'Lê Văn Hải', sex: 'male', dob: '2010-08-15', commune: '03391', province: '12', guardian: 'Lê Thị Tuyết', phone: '0962000666' },
  { name: 'Lê Thị Kim Chi', sex: 'female', dob: '2014-03-08', commune: '00010', province: '01', guardian: 'Lê Văn Phong', phone: '0919000777' },
  { name: 'Phạm Thị Hồng', sex: 'female', dob: '2011-10-20', commune: '26740', province: '79', guardian: 'Phạm Văn Lực', phone: '0937000888' },
  { name: 'Phan Văn Lợi', sex: 'male', dob: '2012-04-27', commune: '03392', province: '12', guardian: 'Phan Thị Nhung', phone: '0944000999' },
  { name: 'Phan Thị Diễm', sex: 'female', dob: '2013-07-07', commune: '26743', province: '79', guardian: 'Phan Văn Của', phone: '0907111000' },
  { name: 'Trương Văn Tài', sex: 'male', dob: '2010-12-24', commune: '00013', province: '01', guardian: 'Trương Thị Hạnh', phone: '0976222000' },
  { name: 'Đinh Thị Thơm', sex: 'female', dob: '2011-06-16', commune: '03393', province: '12', guardian: 'Đinh Văn Khoa', phone: '0359333000' },
  { name: 'Mai Xuân Trường', sex: 'male', dob: '2012-01-31', commune: '00016', province: '01', guardian: 'Mai Thị Lụa', phone: '0869444000' },
  { name: 'Quách Thị Nhàn', sex: 'female', dob: '2009-10-02', commune: '03394', province: '12', guardian: 'Quách Văn Đông', phone: '0919555000' },
  { name: 'Tạ Minh Hiếu', sex: 'male', dob: '2013-03-19', commune: '26746', province: '79', guardian: 'Tạ Thị Bông', phone: '0902666000' },
  { name: 'Lương Thị Vân', sex: 'female', dob: '2012-07-12', commune: '03395', province: '12', guardian: 'Lương Văn Thiện', phone: '01667778888' },
  { name: 'Hà Văn Long', sex: 'male', dob: '2011-09-28', commune: '03396', province: '12', guardian: 'Hà Thị Liên', phone: '0397888000' },
  { name: 'Châu Thị Mỹ Linh', sex: 'female', dob: '2010-03-25', commune: '26749', province: '79', guardian: 'Châu Văn Hên', phone: '0918999000' },
  { name: 'Cao Văn Thành', sex: 'male', dob: '2014-05-05', commune: '00019', province: '01', guardian: 'Cao Thị Hường', phone: '0989000123' },
  { name: 'Đào Thị Liễu', sex: 'female', dob: '2012-10-14', commune: '00022', province: '01', guardian: 'Đào Văn Chiến', phone: '01229990000' },
  { name: 'Trịnh Văn Khánh', sex: 'male', dob: '2011-02-17', commune: '00025', province: '01', guardian: 'Trịnh Thị Gấm', phone: '0963000321' },
  { name: 'Kiều Thị Oanh', sex: 'female', dob: '2013-12-03', commune: '00028', province: '01', guardian: 'Kiều Văn Tú', phone: '0914000654' },
  { name: 'Lâm Văn Nghĩa', sex: 'male', dob: '2010-07-29', commune: '26752', province: '79', guardian: 'Lâm Thị Ngân', phone: '0936000987' },
  { name: 'Vàng Thị Chua', sex: 'female', dob: '2012-06-01', commune: '03397', province: '12', guardian: 'Vàng A Sử', phone: '0326000147' },
  { name: 'Hoàng Minh Quân', sex: 'male', dob: '2009-08-08', commune: '00031', province: '01', guardian: 'Hoàng Thị Loan', phone: '0965000258' },
  { name: 'Vũ Văn Tiến', sex: 'male', dob: '2013-10-31', commune: '00034', province: '01', guardian: 'Vũ Thị Hằng', phone: '01645551234' },
];

/** Given names a sibling or a namesake might have instead. */
const OTHER_GIVEN = ['Hoa', 'Tùng', 'Linh', 'Dũng', 'Nhung', 'Khoa', 'Thủy', 'Bình', 'Quyên', 'Hưng'];

export interface LabelledPair {
  kind: string;
  sameChild: boolean;
  a: ReportedChild;
  b: ReportedChild;
}

const FIRST = '2026-02-10T03:00:00.000Z';
const SECOND = '2026-05-20T09:30:00.000Z';

function report(child: Child, receivedAt: string, change: Partial<{ name: string | null; dob: string | null; age: number | null; sex: string; commune: string; guardian: string | null; phone: string | null }> = {}): ReportedChild {
  const dob = 'dob' in change ? change.dob! : child.dob;
  return {
    receivedAt,
    location: { provinceCode: child.province, communeCode: change.commune ?? child.commune },
    child: {
      name: 'name' in change ? change.name! : child.name,
      dateOfBirth: dob,
      estimatedAgeYears: dob ? null : (change.age ?? null),
      sex: change.sex ?? child.sex,
    },
    guardian: { name: 'guardian' in change ? change.guardian! : child.guardian, phone: 'phone' in change ? change.phone! : child.phone },
    reporterPhone: null,
  };
}

function ageOn(dob: string, on: string): number {
  const [y, m, d] = dob.split('-').map(Number);
  const at = new Date(on);
  return at.getUTCFullYear() - y - (at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d) ? 1 : 0);
}

function words(name: string): string[] {
  return name.split(' ');
}

/** Western order: the family name moved to the end. Ê Đê names already end with it. */
function western(name: string): string {
  const [family, ...rest] = words(name);
  return /^(H'|Y )/.test(name) ? name : [...rest, family].join(' ');
}

/** One letter of the given name changed, or dropped when the name is long. */
function oneLetterOff(name: string, seed: number): string {
  const parts = words(name);
  const given = parts[parts.length - 1];
  const at = 1 + (seed % Math.max(1, given.length - 1));
  const changed = given.length > 4 ? given.slice(0, at) + given.slice(at + 1) : given.slice(0, at) + (given[at] === 'a' ? 'e' : 'a') + given.slice(at + 1);
  parts[parts.length - 1] = changed;
  return parts.join(' ');
}

const FAMILY_SWAP: Record<string, string> = { Hoàng: 'Huỳnh', Huỳnh: 'Hoàng', Vũ: 'Võ', Võ: 'Vũ' };

/** The same number in its other form: old 11-digit prefix ↔ new, or written with +84 and spaces. */
function otherPhoneForm(phone: string): string {
  const toOld: Record<string, string> = { '032': '0162', '033': '0163', '034': '0164', '035': '0165', '036': '0166', '037': '0167', '038': '0168', '039': '0169', '083': '0123', '084': '0124', '081': '0127', '082': '0129', '070': '0120', '079': '0121' };
  const toNew: Record<string, string> = Object.fromEntries(Object.entries(toOld).map(([n, o]) => [o, n]));
  if (phone.length === 11 && toNew[phone.slice(0, 4)]) return toNew[phone.slice(0, 4)] + phone.slice(4);
  if (toOld[phone.slice(0, 3)]) return toOld[phone.slice(0, 3)] + phone.slice(3);
  return `+84 ${phone.slice(1, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
}

function withGiven(name: string, given: string): string {
  const parts = words(name);
  if (/^(H'|Y )/.test(name)) return [given, ...parts.slice(-1)].join(' ');
  parts[parts.length - 1] = given;
  return parts.join(' ');
}

function shiftYears(dob: string, years: number): string {
  return `${Number(dob.slice(0, 4)) + years}${dob.slice(4)}`;
}

export function labelledPairs(): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  const same = (kind: string, a: ReportedChild, b: ReportedChild) => pairs.push({ kind, sameChild: true, a, b });
  const other = (kind: string, a: ReportedChild, b: ReportedChild) => pairs.push({ kind, sameChild: false, a, b });
  CHILDREN.forEach((child, i) => {
    const first = report(child, FIRST);
    const age = ageOn(child.dob, SECOND);
    // One child, typed again.
    same('marks left out, age guessed', first, report(child, SECOND, { name: foldName(child.name).replace(/\b\w/g, (l) => l.toUpperCase()), dob: null, age, guardian: foldName(child.guardian) }));
    same('western order', first, report(child, SECOND, { name: western(child.name) }));
    same('one letter off', first, report(child, SECOND, { name: oneLetterOff(child.name, i), guardian: null, phone: null }));
    same('phone in its other form, no name of the guardian', first, report(child, SECOND, { phone: otherPhoneForm(child.phone), guardian: null, dob: null, age: age + (i % 2) }));
    const family = words(child.name)[0];
    if (FAMILY_SWAP[family]) same('Hoàng/Huỳnh, Vũ/Võ', first, report(child, SECOND, { name: [FAMILY_SWAP[family], ...words(child.name).slice(1)].join(' '), phone: null }));
    else same('only the name and a guessed age, another caller', first, report(child, SECOND, { dob: null, age, guardian: null, phone: null }));
    // Two children.
    const sibling = OTHER_GIVEN[i % OTHER_GIVEN.length];
    other('brother or sister: same parents and phone', first, report(child, SECOND, { name: withGiven(child.name, sibling), dob: shiftYears(child.dob, 2 + (i % 3)), sex: i % 2 ? 'female' : 'male' }));
    other('same family name, another given name', first, report(CHILDREN[(i + 24) % CHILDREN.length], SECOND, { name: withGiven(child.name, OTHER_GIVEN[(i + 3) % OTHER_GIVEN.length]), commune: child.commune }));
    other('namesake born years apart', first, report(child, SECOND, { dob: shiftYears(child.dob, i % 2 ? 3 : -4), guardian: 'Nguyễn Văn Khác', phone: '0900000000' }));
    const given = words(child.name)[words(child.name).length - 1];
    if (given === 'Hà' || given === 'Hạ' || i % 5 === 0) {
      const marked = given === 'Hà' ? 'Hạ' : 'Hà';
      other('Hà and Hạ, born apart', report(child, FIRST, { name: withGiven(child.name, 'Hà') }), report(child, SECOND, { name: withGiven(child.name, marked === 'Hà' ? 'Hạ' : marked), dob: shiftYears(child.dob, 1), guardian: null, phone: null }));
    }
  });
  return pairs;
}
