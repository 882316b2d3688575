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

export const city = { code: '92', nameVi: 'Thành phố Cần Thơ', nameEn: 'Can Tho City' };

/** District codes are the national statistics office's; ward codes are the district's plus a suffix. */
export const districts: { code: string; kindVi: 'quận' | 'huyện'; name: string; wards: [kindVi: string, name: string][] }[] = [
  { code: '916', kindVi: 'quận', name: 'Ninh Kiều', wards: [['phường', 'An Hòa'], ['phường', 'Tân An'], ['phường', 'Xuân Khánh']] },
  { code: '917', kindVi: 'quận', name: 'Ô Môn', wards: [['phường', 'Châu Văn Liêm'], ['phường', 'Thới Long']] },
  { code: '918', kindVi: 'quận', name: 'Bình Thủy', wards: [['phường', 'Bình Thủy'], ['phường', 'Trà An']] },
  { code: '919', kindVi: 'quận', name: 'Cái Răng', wards: [['phường', 'Lê Bình'], ['phường', 'Hưng Phú']] },
  { code: '923', kindVi: 'quận', name: 'Thốt Nốt', wards: [['phường', 'Thốt Nốt'], ['phường', 'Trung Kiên']] },
  { code: '924', kindVi: 'huyện', name: 'Vĩnh Thạnh', wards: [['thị trấn', 'Vĩnh Thạnh'], ['xã', 'Thạnh An']] },
  { code: '925', kindVi: 'huyện', name: 'Cờ Đỏ', wards: [['thị trấn', 'Cờ Đỏ'], ['xã', 'Thới Hưng']] },
  { code: '926', kindVi: 'huyện', name: 'Phong Điền', wards: [['thị trấn', 'Phong Điền'], ['xã', 'Nhơn Ái']] },
  { code: '927', kindVi: 'huyện', name: 'Thới Lai', wards: [['thị trấn', 'Thới Lai'], ['xã', 'Trường Thành']] },
];

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

/** Ward of the demo child; its council carries proposals in every state. */
export const demoWard = { district: '916', name: 'An Hòa' };

type DemoProposal = { key: string; title: string; body: string; state: 'DRAFT' | 'IN_REVIEW' | 'OPEN' | 'ADOPTED' | 'NOT_ADOPTED' | 'REFERRED' | 'WITHDRAWN'; byDemoChild?: boolean };

export const wardProposals: DemoProposal[] = [
  { key: 'lights', state: 'OPEN', title: 'Thêm đèn đường trên đường đến trường', body: 'Buổi chiều đi học thêm về, đoạn đường gần bờ kè rất tối.\nChúng em đề nghị lắp thêm đèn đường để các bạn đi về an toàn hơn.' },
  { key: 'playground', state: 'OPEN', title: 'Sửa cầu tuột ở sân chơi công viên', body: 'Cầu tuột ở sân chơi bị gãy một bậc và có cạnh sắc.\nChúng em mong được sửa lại để các em nhỏ chơi không bị đau.' },
  { key: 'water', state: 'ADOPTED', title: 'Có nước uống sạch ở trường', body: 'Trường em chỉ có một máy lọc nước cho cả trường.\nChúng em đề nghị có thêm máy lọc nước ở mỗi dãy lớp.' },
  { key: 'bins', state: 'NOT_ADOPTED', title: 'Đặt thùng rác phân loại trong khu phố', body: 'Chúng em muốn có thùng rác riêng cho chai nhựa và giấy để tái chế.' },
  { key: 'library', state: 'REFERRED', title: 'Mở cửa thư viện phường vào cuối tuần', body: 'Thư viện phường đóng cửa ngày thứ Bảy và Chủ nhật.\nChúng em muốn đọc sách vào cuối tuần.' },
  { key: 'swim', state: 'IN_REVIEW', byDemoChild: true, title: 'Lớp học bơi miễn phí mùa hè', body: 'Nhiều bạn chưa biết bơi mà nhà gần sông.\nChúng em đề nghị có lớp học bơi miễn phí vào hè.' },
  { key: 'crossing', state: 'DRAFT', byDemoChild: true, title: 'Vạch qua đường trước cổng trường', body: 'Trước cổng trường chưa có vạch kẻ qua đường.' },
];

export const upperProposals: DemoProposal[] = [
  { key: 'green', state: 'OPEN', title: 'Trồng thêm cây xanh ở sân trường', body: 'Sân trường nhiều nắng, giờ ra chơi rất nóng.\nChúng em đề nghị trồng thêm cây bóng mát.' },
  { key: 'helpline', state: 'ADOPTED', title: 'Dán số điện thoại 111 ở mọi lớp học', body: 'Nhiều bạn chưa biết Tổng đài 111 để gọi khi cần giúp đỡ.\nChúng em đề nghị dán số 111 ở mọi lớp học.' },
];

// ─── the children register (demo only) ──────────────────────────────────────────────────
// Synthetic children only: every one is named "Mẫu Demo <word> <nn>" ("mẫu" = sample) and has a
// personal number under province code 000, which no province has (see personal-number.ts), or
// none at all. Nothing here resembles a real child.

/** Protection officers: identity right on the demo area, the same area without it, another area. */
export const registerAccounts = {
  officer: { username: 'protection.demo', displayName: 'Chị Thu (Bảo vệ trẻ em, Ninh Kiều)', unitCode: '916', rights: ['IDENTITY', 'AUDIT'] as const },
  officerWithoutIdentity: { username: 'protection.noid.demo', displayName: 'Anh Tâm (Cộng tác viên, Ninh Kiều)', unitCode: '916', rights: [] as const },
  otherOfficer: { username: 'protection.other.demo', displayName: 'Chị Vy (Bảo vệ trẻ em, Bình Thủy)', unitCode: '918', rights: ['IDENTITY'] as const },
};

/** How many synthetic children each ward gets: some cells large, some small, for the statistics. */
export const registerWards: [code: string, children: number][] = [
  ['916.01', 24], ['916.02', 11], ['916.03', 3], ['918.01', 9], ['918.02', 2],
];

export const registerGivenNames = ['An', 'Bình', 'Cúc', 'Dũng', 'Giang', 'Hà', 'Khoa', 'Lan', 'Minh', 'Ngọc', 'Phúc', 'Quyên'];
