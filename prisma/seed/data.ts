// Demo data drawn from the seed document (shared/seed/programme-article.*): Can Tho city's
// Action Programme for Children 2021–2030. Units are the city's pre-2025 hierarchy.
import type { AgencyKind, AssignmentRole } from '../src/client.js';

export const programme = {
  code: 'CT-CTHD-TE-2021-2030',
  titleVi: 'Chương trình hành động vì trẻ em thành phố Cần Thơ giai đoạn 2021 – 2030',
  titleEn: 'Can Tho City Action Programme for Children 2021–2030',
  startYear: 2021,
  endYear: 2030,
};

export const objectiveGroups = [
  { number: 1, titleVi: 'Phát triển toàn diện trẻ em, chăm sóc sức khỏe, dinh dưỡng cho trẻ em', titleEn: 'All-round development of children: health care and nutrition' },
  { number: 2, titleVi: 'Bảo vệ trẻ em', titleEn: 'Child protection' },
  { number: 3, titleVi: 'Giáo dục, văn hóa, vui chơi, giải trí cho trẻ em', titleEn: 'Education, culture, play and recreation for children' },
  { number: 4, titleVi: 'Sự tham gia của trẻ em vào các vấn đề về trẻ em', titleEn: "Children's participation in matters that concern them" },
];

type Assignment = [agencyCode: string, role: AssignmentRole];

export const tasks: { number: number; titleVi: string; titleEn: string; agencies: Assignment[] }[] = [
  {
    number: 1,
    titleVi: 'Tăng cường sự chỉ đạo, hướng dẫn, phối hợp của các sở, ban, ngành, địa phương đối với việc thực hiện các mục tiêu, chỉ tiêu của Chương trình',
    titleEn: "Strengthen the direction, guidance and coordination of departments, agencies and localities in meeting the programme's objectives and targets",
    agencies: [['SLDTBXH', 'LEAD'], ['SNV', 'COORDINATE'], ['SKHDT', 'COORDINATE']],
  },
  {
    number: 2,
    titleVi: 'Rà soát văn bản pháp luật, chính sách bảo đảm thực hiện quyền trẻ em và giải quyết các vấn đề về trẻ em',
    titleEn: "Review legal documents and policies that guarantee children's rights and address children's issues",
    agencies: [['STP', 'LEAD'], ['SLDTBXH', 'COORDINATE']],
  },
  {
    number: 3,
    titleVi: 'Phát triển hệ thống dịch vụ đáp ứng thực hiện quyền trẻ em có sự lồng ghép và phối hợp giữa các dịch vụ y tế, giáo dục, tư pháp và các dịch vụ an sinh xã hội; ưu tiên hệ thống dịch vụ bảo vệ trẻ em',
    titleEn: "Develop a system of services for children's rights, integrating health, education, justice and social-protection services, with priority to child protection",
    agencies: [['SLDTBXH', 'LEAD'], ['SYT', 'COORDINATE'], ['SGDDT', 'COORDINATE'], ['STP', 'COORDINATE'], ['CATP', 'COORDINATE']],
  },
  {
    number: 4,
    titleVi: 'Tăng cường truyền thông, giáo dục về kiến thức, kỹ năng thực hiện quyền, bổn phận của trẻ em; vận động xã hội thực hiện các mục tiêu về trẻ em và giải quyết các vấn đề về trẻ em',
    titleEn: "Strengthen communication and education on children's rights and duties; mobilise society for the goals for children",
    agencies: [['STTTT', 'LEAD'], ['SLDTBXH', 'COORDINATE'], ['SGDDT', 'COORDINATE'], ['TDTN', 'COORDINATE'], ['HLHPN', 'COORDINATE']],
  },
  {
    number: 5,
    titleVi: 'Bảo đảm nguồn lực thực hiện quyền trẻ em và các mục tiêu, chỉ tiêu về trẻ em; ưu tiên bố trí nguồn lực về bảo vệ trẻ em',
    titleEn: "Ensure resources (budget, staff) for children's rights and the programme's targets, with priority to child protection",
    agencies: [['STC', 'LEAD'], ['SKHDT', 'COORDINATE'], ['SLDTBXH', 'COORDINATE']],
  },
  {
    number: 6,
    titleVi: 'Hội nhập và hợp tác quốc tế về quyền trẻ em, giải quyết các vấn đề về trẻ em mang tính toàn cầu và khu vực',
    titleEn: "International integration and cooperation on children's rights; address global and regional issues affecting children",
    agencies: [['SNGV', 'LEAD'], ['SLDTBXH', 'COORDINATE']],
  },
  {
    number: 7,
    titleVi: 'Vận động nguồn lực và sự tham gia của xã hội',
    titleEn: 'Mobilise resources and participation from society',
    agencies: [['SLDTBXH', 'LEAD'], ['TDTN', 'COORDINATE'], ['HLHPN', 'COORDINATE'], ['SKHDT', 'COORDINATE']],
  },
  {
    number: 8,
    titleVi: 'Tăng cường công tác kiểm tra, thanh tra; xây dựng cơ sở dữ liệu theo dõi, đánh giá việc thực hiện pháp luật, chính sách, chương trình, mục tiêu, chỉ tiêu về trẻ em',
    titleEn: 'Strengthen inspection and supervision; build a database to monitor and evaluate laws, policies, programmes, objectives and targets for children',
    agencies: [['SLDTBXH', 'LEAD'], ['TTTP', 'COORDINATE'], ['STTTT', 'COORDINATE'], ['CATP', 'COORDINATE']],
  },
];

export const leadAgencyCode = 'SLDTBXH';

export const agencies: { code: string; nameVi: string; nameEn: string; kind: AgencyKind }[] = [
  { code: 'SLDTBXH', nameVi: 'Sở Lao động – Thương binh và Xã hội', nameEn: 'Department of Labour, Invalids and Social Affairs', kind: 'DEPARTMENT' },
  { code: 'SGDDT', nameVi: 'Sở Giáo dục và Đào tạo', nameEn: 'Department of Education and Training', kind: 'DEPARTMENT' },
  { code: 'SYT', nameVi: 'Sở Y tế', nameEn: 'Department of Health', kind: 'DEPARTMENT' },
  { code: 'STP', nameVi: 'Sở Tư pháp', nameEn: 'Department of Justice', kind: 'DEPARTMENT' },
  { code: 'STTTT', nameVi: 'Sở Thông tin và Truyền thông', nameEn: 'Department of Information and Communications', kind: 'DEPARTMENT' },
  { code: 'SVHTTDL', nameVi: 'Sở Văn hóa, Thể thao và Du lịch', nameEn: 'Department of Culture, Sports and Tourism', kind: 'DEPARTMENT' },
  { code: 'STC', nameVi: 'Sở Tài chính', nameEn: 'Department of Finance', kind: 'DEPARTMENT' },
  { code: 'SKHDT', nameVi: 'Sở Kế hoạch và Đầu tư', nameEn: 'Department of Planning and Investment', kind: 'DEPARTMENT' },
  { code: 'SNV', nameVi: 'Sở Nội vụ', nameEn: 'Department of Home Affairs', kind: 'DEPARTMENT' },
  { code: 'SNGV', nameVi: 'Sở Ngoại vụ', nameEn: 'Department of Foreign Affairs', kind: 'DEPARTMENT' },
  { code: 'CATP', nameVi: 'Công an thành phố Cần Thơ', nameEn: 'Can Tho City Police', kind: 'OTHER' },
  { code: 'TTTP', nameVi: 'Thanh tra thành phố Cần Thơ', nameEn: 'Can Tho City Inspectorate', kind: 'OTHER' },
  { code: 'TDTN', nameVi: 'Thành Đoàn Cần Thơ', nameEn: 'Can Tho City Youth Union', kind: 'MASS_ORGANISATION' },
  { code: 'HLHPN', nameVi: 'Hội Liên hiệp Phụ nữ thành phố Cần Thơ', nameEn: "Can Tho City Women's Union", kind: 'MASS_ORGANISATION' },
];

/** The hierarchy in force from 2008 (when Thới Lai district was created) until the 2025 reform. */
export const hierarchyValidFrom = new Date(Date.UTC(2008, 11, 24));
/** The first day of the two-level map: districts abolished, communes and wards merged. */
export const reformDate = new Date(Date.UTC(2025, 6, 1));
/** The last day of the three-level map. */
export const lastDayBeforeReform = new Date(Date.UTC(2025, 5, 30));

export const city = { code: '92', nameVi: 'Thành phố Cần Thơ', nameEn: 'Can Tho City' };

/**
 * The provinces merged into Can Tho city on 1 July 2025. Only their succession is in the demo:
 * their own communes are outside the programme's data before the merger.
 */
export const mergedProvinces = [
  { code: '93', nameVi: 'Tỉnh Hậu Giang', nameEn: 'Hau Giang Province' },
  { code: '94', nameVi: 'Tỉnh Sóc Trăng', nameEn: 'Soc Trang Province' },
];

type UnitKindVi = 'phường' | 'xã' | 'thị trấn';

/**
 * Can Tho before the reform: the city, its 9 districts and a selection of their 36 wards,
 * communes and townships (demo: the city had 80). District codes are the national statistics
 * office's; ward codes are the district's plus a suffix.
 */
export const districts: { code: string; kindVi: 'quận' | 'huyện'; name: string; wards: [kindVi: UnitKindVi, name: string][] }[] = [
  {
    code: '916', kindVi: 'quận', name: 'Ninh Kiều',
    wards: [['phường', 'An Hòa'], ['phường', 'Tân An'], ['phường', 'Xuân Khánh'], ['phường', 'Cái Khế'], ['phường', 'Thới Bình'], ['phường', 'Hưng Lợi'], ['phường', 'An Khánh'], ['phường', 'An Bình']],
  },
  { code: '917', kindVi: 'quận', name: 'Ô Môn', wards: [['phường', 'Châu Văn Liêm'], ['phường', 'Thới Long']] },
  {
    code: '918', kindVi: 'quận', name: 'Bình Thủy',
    wards: [['phường', 'Bình Thủy'], ['phường', 'Trà An'], ['phường', 'Bùi Hữu Nghĩa'], ['phường', 'An Thới'], ['phường', 'Long Tuyền'], ['phường', 'Long Hòa'], ['phường', 'Thới An Đông'], ['phường', 'Trà Nóc']],
  },
  {
    code: '919', kindVi: 'quận', name: 'Cái Răng',
    wards: [['phường', 'Lê Bình'], ['phường', 'Hưng Phú'], ['phường', 'Ba Láng'], ['phường', 'Hưng Thạnh'], ['phường', 'Thường Thạnh'], ['phường', 'Phú Thứ'], ['phường', 'Tân Phú']],
  },
  { code: '923', kindVi: 'quận', name: 'Thốt Nốt', wards: [['phường', 'Thốt Nốt'], ['phường', 'Trung Kiên']] },
  { code: '924', kindVi: 'huyện', name: 'Vĩnh Thạnh', wards: [['thị trấn', 'Vĩnh Thạnh'], ['xã', 'Thạnh An']] },
  { code: '925', kindVi: 'huyện', name: 'Cờ Đỏ', wards: [['thị trấn', 'Cờ Đỏ'], ['xã', 'Thới Hưng']] },
  { code: '926', kindVi: 'huyện', name: 'Phong Điền', wards: [['thị trấn', 'Phong Điền'], ['xã', 'Nhơn Ái'], ['xã', 'Mỹ Khánh']] },
  { code: '927', kindVi: 'huyện', name: 'Thới Lai', wards: [['thị trấn', 'Thới Lai'], ['xã', 'Trường Thành']] },
];

/** An old ward's code from its district and name, as the seed numbers them (`916.01`…). */
export function oldWardCode(districtCode: string, name: string): string {
  const index = districts.find((d) => d.code === districtCode)!.wards.findIndex(([, n]) => n === name);
  if (index < 0) throw new Error(`no ward ${name} in district ${districtCode}`);
  return `${districtCode}.${String(index + 1).padStart(2, '0')}`;
}

/** A predecessor: an old ward (district code and name), all of it or a share. */
type Part = [districtCode: string, name: string, share?: number];
/** How a split ward's shares were measured. */
export const shareBasis = 'population 2024 (demo)';

/**
 * The map from 1 July 2025 (as proposed in April 2025 for the wards touched by the demo; the
 * rest modelled plausibly — demo, not an official gazette): city → wards and communes, each
 * formed from old ones. Bùi Hữu Nghĩa is split (1.83 km², 330 people to Cái Khế, the rest to
 * Bình Thủy), as is Long Tuyền (97 people to An Bình); the new Tân An reuses the name of an old
 * ward that went into Ninh Kiều ward. Codes are demo codes.
 */
export const newUnits: { code: string; kindVi: 'phường' | 'xã'; name: string; from: Part[] }[] = [
  { code: '92.101', kindVi: 'phường', name: 'Ninh Kiều', from: [['916', 'Tân An'], ['916', 'Thới Bình'], ['916', 'Xuân Khánh']] },
  { code: '92.102', kindVi: 'phường', name: 'Cái Khế', from: [['916', 'An Hòa'], ['916', 'Cái Khế'], ['918', 'Bùi Hữu Nghĩa', 0.02]] },
  { code: '92.103', kindVi: 'phường', name: 'Tân An', from: [['916', 'Hưng Lợi'], ['916', 'An Khánh']] },
  { code: '92.104', kindVi: 'phường', name: 'An Bình', from: [['916', 'An Bình'], ['926', 'Mỹ Khánh'], ['918', 'Long Tuyền', 0.01]] },
  { code: '92.105', kindVi: 'phường', name: 'Bình Thủy', from: [['918', 'Bình Thủy'], ['918', 'An Thới'], ['918', 'Bùi Hữu Nghĩa', 0.98]] },
  { code: '92.106', kindVi: 'phường', name: 'Long Tuyền', from: [['918', 'Long Tuyền', 0.99], ['918', 'Long Hòa']] },
  { code: '92.107', kindVi: 'phường', name: 'Thới An Đông', from: [['918', 'Trà An'], ['918', 'Thới An Đông'], ['918', 'Trà Nóc']] },
  { code: '92.108', kindVi: 'phường', name: 'Cái Răng', from: [['919', 'Lê Bình'], ['919', 'Ba Láng'], ['919', 'Hưng Thạnh'], ['919', 'Thường Thạnh']] },
  { code: '92.109', kindVi: 'phường', name: 'Hưng Phú', from: [['919', 'Phú Thứ'], ['919', 'Tân Phú'], ['919', 'Hưng Phú']] },
  { code: '92.110', kindVi: 'phường', name: 'Ô Môn', from: [['917', 'Châu Văn Liêm'], ['917', 'Thới Long']] },
  { code: '92.111', kindVi: 'phường', name: 'Thốt Nốt', from: [['923', 'Thốt Nốt'], ['923', 'Trung Kiên']] },
  { code: '92.112', kindVi: 'xã', name: 'Vĩnh Thạnh', from: [['924', 'Vĩnh Thạnh'], ['924', 'Thạnh An']] },
  { code: '92.113', kindVi: 'xã', name: 'Cờ Đỏ', from: [['925', 'Cờ Đỏ'], ['925', 'Thới Hưng']] },
  { code: '92.114', kindVi: 'xã', name: 'Phong Điền', from: [['926', 'Phong Điền'], ['926', 'Nhơn Ái']] },
  { code: '92.115', kindVi: 'xã', name: 'Thới Lai', from: [['927', 'Thới Lai'], ['927', 'Trường Thành']] },
];

/** Children's Councils were set up for the programme; their first day. */
export const councilsFrom = new Date(Date.UTC(2021, 8, 1));
/** The last term before the reform: it ended early, on the reform's eve. */
export const lastOldTerm = { startsOn: new Date(Date.UTC(2023, 8, 1)), endsOn: lastDayBeforeReform };

/** Pseudonyms children pick for the portal: animals and things from the Mekong delta. */
export const pseudonyms = [
  'Sơn Ca', 'Cá Heo', 'Sóc Nhỏ', 'Chim Sẻ', 'Đom Đóm', 'Hoa Sen', 'Lúa Non', 'Mây Trắng',
  'Cỏ May', 'Bồ Câu', 'Ốc Gạo', 'Cò Trắng', 'Bông Điên Điển', 'Xuồng Con', 'Trăng Rằm',
];

export const DEMO_PASSWORD = 'treem-demo-2030';

export const demoAccounts = {
  child: { username: 'child.demo', displayName: 'Sơn Ca' },
  moderator: { username: 'moderator.demo', displayName: 'Chị Lan (Đoàn Thanh niên)' },
  officer: { username: 'officer.demo', displayName: 'Anh Minh (Sở Giáo dục và Đào tạo)' },
  admin: { username: 'admin.demo', displayName: 'Chị Hoa (Sở Lao động – Thương binh và Xã hội)' },
};

/**
 * The demo child's ward: An Hòa until the reform, then Cái Khế, which An Hòa merged into. Its
 * council today carries proposals in every state; the old one keeps its history.
 */
export const demoWard = { before: { district: '916', name: 'An Hòa' }, today: '92.102' };

/** The old wards whose councils' members sit on the demo ward's council today (codes as seeded). */
export const demoWardMembersFrom = ['916.01', '916.04'];

/** The demo officer's department, which the demo ward's referred proposal waits for. */
export const demoReferralAgency = 'SGDDT';

type DemoProposal = {
  key: string;
  title: string;
  body: string;
  state: 'DRAFT' | 'IN_REVIEW' | 'OPEN' | 'ADOPTED' | 'NOT_ADOPTED' | 'REFERRED' | 'WITHDRAWN';
  byDemoChild?: boolean;
  /** For history: the day its vote closed (ISO date); otherwise the window is set around today. */
  closedOn?: string;
};

/** The demo child's council today: proposals in every state. */
export const wardProposals: DemoProposal[] = [
  { key: 'lights', state: 'OPEN', title: 'Thêm đèn đường trên đường đến trường', body: 'Buổi chiều đi học thêm về, đoạn đường gần bờ kè rất tối.\nChúng em đề nghị lắp thêm đèn đường để các bạn đi về an toàn hơn.' },
  { key: 'playground', state: 'OPEN', title: 'Sửa cầu tuột ở sân chơi công viên', body: 'Cầu tuột ở sân chơi bị gãy một bậc và có cạnh sắc.\nChúng em mong được sửa lại để các em nhỏ chơi không bị đau.' },
  { key: 'water', state: 'ADOPTED', title: 'Có nước uống sạch ở trường', body: 'Trường em chỉ có một máy lọc nước cho cả trường.\nChúng em đề nghị có thêm máy lọc nước ở mỗi dãy lớp.' },
  { key: 'library', state: 'REFERRED', title: 'Mở cửa thư viện phường vào cuối tuần', body: 'Thư viện phường đóng cửa ngày thứ Bảy và Chủ nhật.\nChúng em muốn đọc sách vào cuối tuần.' },
  { key: 'swim', state: 'IN_REVIEW', byDemoChild: true, title: 'Lớp học bơi miễn phí mùa hè', body: 'Nhiều bạn chưa biết bơi mà nhà gần sông.\nChúng em đề nghị có lớp học bơi miễn phí vào hè.' },
  { key: 'crossing', state: 'DRAFT', byDemoChild: true, title: 'Vạch qua đường trước cổng trường', body: 'Trước cổng trường chưa có vạch kẻ qua đường.' },
];

/** The demo child's council before the reform (An Hòa), kept as history. */
export const demoWardHistory: DemoProposal[] = [
  { key: 'bins', state: 'NOT_ADOPTED', closedOn: '2025-04-20', title: 'Đặt thùng rác phân loại trong khu phố', body: 'Chúng em muốn có thùng rác riêng cho chai nhựa và giấy để tái chế.' },
  { key: 'shade', state: 'ADOPTED', closedOn: '2024-11-15', title: 'Làm mái che ở nhà xe học sinh', body: 'Nhà xe của trường không có mái che.\nTrời mưa xe đạp của chúng em bị ướt hết.' },
];

/** Every other ward council before the reform: one decided proposal each. */
export const oldWardProposals: DemoProposal[] = [
  { key: 'water', state: 'ADOPTED', closedOn: '2025-05-15', title: 'Có nước uống sạch ở trường', body: 'Trường em chỉ có một máy lọc nước cho cả trường.\nChúng em đề nghị có thêm máy lọc nước ở mỗi dãy lớp.' },
];

/** District councils, until they ended with the districts. */
export const districtProposals: DemoProposal[] = [
  { key: 'helpline', state: 'ADOPTED', closedOn: '2025-04-10', title: 'Dán số điện thoại 111 ở mọi lớp học', body: 'Nhiều bạn chưa biết Tổng đài 111 để gọi khi cần giúp đỡ.\nChúng em đề nghị dán số 111 ở mọi lớp học.' },
];

export const cityProposals: DemoProposal[] = [
  { key: 'green', state: 'OPEN', title: 'Trồng thêm cây xanh ở sân trường', body: 'Sân trường nhiều nắng, giờ ra chơi rất nóng.\nChúng em đề nghị trồng thêm cây bóng mát.' },
  { key: 'helpline', state: 'ADOPTED', closedOn: '2025-03-20', title: 'Dán số điện thoại 111 ở mọi lớp học', body: 'Nhiều bạn chưa biết Tổng đài 111 để gọi khi cần giúp đỡ.\nChúng em đề nghị dán số 111 ở mọi lớp học.' },
];

// ─── the children register (demo only) ──────────────────────────────────────────────────
// Synthetic children only: every one is named "Mẫu Demo <word> <nn>" ("mẫu" = sample) and has a
// personal number under province code 000, which no province has (see personal-number.ts), or
// none at all. Nothing here resembles a real child.

/**
 * Protection officers: identity right on the wards of the former Ninh Kiều district, the same
 * wards without it, and another area (today's map has no districts: an area is its wards).
 */
export const registerAccounts = {
  officer: { username: 'protection.demo', displayName: 'Chị Thu (Bảo vệ trẻ em, Ninh Kiều)', unitCodes: ['92.101', '92.102', '92.103'], rights: ['IDENTITY', 'AUDIT'] as const },
  officerWithoutIdentity: { username: 'protection.noid.demo', displayName: 'Anh Tâm (Cộng tác viên, Ninh Kiều)', unitCodes: ['92.101', '92.102', '92.103'], rights: [] as const },
  otherOfficer: { username: 'protection.other.demo', displayName: 'Chị Vy (Bảo vệ trẻ em, Bình Thủy)', unitCodes: ['92.105', '92.106'], rights: ['IDENTITY'] as const },
};

/** How many synthetic children each ward gets: some cells large, some small, for the statistics. */
export const registerWards: [code: string, children: number][] = [
  ['92.101', 24], ['92.102', 11], ['92.103', 3], ['92.105', 9], ['92.106', 2],
];

export const registerGivenNames = ['An', 'Bình', 'Cúc', 'Dũng', 'Giang', 'Hà', 'Khoa', 'Lan', 'Minh', 'Ngọc', 'Phúc', 'Quyên'];
