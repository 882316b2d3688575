// Demo indicators of the programme (shared/seed/programme-article.*): names and plans follow
// the programme's kinds of targets; every figure is a DEMO figure, generated, not official.
import type { IndicatorDirection } from '../src/client.js';

export interface DemoIndicator {
  code: string;
  group: number;
  agency: string;
  tasks: number[];
  nameVi: string;
  nameEn: string;
  numeratorVi: string;
  numeratorEn: string;
  denominatorVi: string;
  denominatorEn: string;
  factor: number;
  unit: string;
  direction: IndicatorDirection;
  /** The city's plan: baseline (end of 2020), targets for the end of 2025 and 2030. */
  plan: [baseline: number, target2025: number, target2030: number];
  /** How the demo figures are made: children counted per 1,000 children of a ward (0: one per ward), the 2021 value, its yearly change, the spread between wards. */
  demo: { perThousand: number; start: number; perYear: number; spread: number };
}

const pct = { factor: 100, unit: '%' } as const;
const perThousand = { factor: 1000, unit: '‰' } as const;
const per100k = { factor: 100_000, unit: '/100.000' } as const;

export const demoIndicators: DemoIndicator[] = [
  // 1. Health and nutrition
  {
    code: 'STUNTING_U5', group: 1, agency: 'SYT', tasks: [3], ...pct, direction: 'LOWER_IS_BETTER',
    nameVi: 'Tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi', nameEn: 'Stunting among children under 5',
    numeratorVi: 'Số trẻ dưới 5 tuổi có chiều cao theo tuổi dưới −2SD', numeratorEn: 'Children under 5 with height-for-age below −2 SD',
    denominatorVi: 'Số trẻ dưới 5 tuổi được cân đo', denominatorEn: 'Children under 5 measured',
    plan: [19.2, 17.5, 15.5], demo: { perThousand: 280, start: 19.0, perYear: -0.35, spread: 5 },
  },
  {
    code: 'U5_MORTALITY', group: 1, agency: 'SYT', tasks: [3], ...perThousand, direction: 'LOWER_IS_BETTER',
    nameVi: 'Tỷ suất tử vong trẻ em dưới 5 tuổi', nameEn: 'Under-5 mortality rate',
    numeratorVi: 'Số trẻ tử vong trước 5 tuổi', numeratorEn: 'Deaths before age 5',
    denominatorVi: 'Số trẻ đẻ ra sống', denominatorEn: 'Live births',
    plan: [17.5, 15.5, 13.5], demo: { perThousand: 60, start: 17.0, perYear: -0.45, spread: 6 },
  },
  {
    code: 'INFANT_MORTALITY', group: 1, agency: 'SYT', tasks: [3], ...perThousand, direction: 'LOWER_IS_BETTER',
    nameVi: 'Tỷ suất tử vong trẻ em dưới 1 tuổi', nameEn: 'Infant mortality rate',
    numeratorVi: 'Số trẻ tử vong trước 1 tuổi', numeratorEn: 'Deaths before age 1',
    denominatorVi: 'Số trẻ đẻ ra sống', denominatorEn: 'Live births',
    plan: [12.5, 11, 9.5], demo: { perThousand: 60, start: 12.6, perYear: -0.15, spread: 4 },
  },
  {
    code: 'IMMUNISATION_U1', group: 1, agency: 'SYT', tasks: [3], ...pct, direction: 'HIGHER_IS_BETTER',
    nameVi: 'Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ', nameEn: 'Full immunisation of children under 1',
    numeratorVi: 'Số trẻ dưới 1 tuổi được tiêm đủ các vắc xin', numeratorEn: 'Children under 1 fully vaccinated',
    denominatorVi: 'Số trẻ dưới 1 tuổi', denominatorEn: 'Children under 1',
    plan: [94, 96, 98], demo: { perThousand: 60, start: 94.5, perYear: 0.45, spread: 3 },
  },
  {
    code: 'HEALTH_INSURANCE_U6', group: 1, agency: 'SYT', tasks: [3, 5], ...pct, direction: 'HIGHER_IS_BETTER',
    nameVi: 'Tỷ lệ trẻ em dưới 6 tuổi có thẻ bảo hiểm y tế', nameEn: 'Children under 6 with a health insurance card',
    numeratorVi: 'Số trẻ dưới 6 tuổi có thẻ bảo hiểm y tế còn hạn', numeratorEn: 'Children under 6 with a valid health insurance card',
    denominatorVi: 'Số trẻ dưới 6 tuổi', denominatorEn: 'Children under 6',
    plan: [97, 99, 100], demo: { perThousand: 330, start: 96.5, perYear: 0.3, spread: 2.5 },
  },
  // 2. Child protection
  {
    code: 'BIRTH_REGISTRATION', group: 2, agency: 'STP', tasks: [2, 3], ...pct, direction: 'HIGHER_IS_BETTER',
    nameVi: 'Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh', nameEn: 'Birth registration of children under 5',
    numeratorVi: 'Số trẻ dưới 5 tuổi đã được đăng ký khai sinh', numeratorEn: 'Children under 5 whose birth is registered',
    denominatorVi: 'Số trẻ dưới 5 tuổi', denominatorEn: 'Children under 5',
    plan: [97.5, 99, 99.5], demo: { perThousand: 280, start: 97.8, perYear: 0.25, spread: 1.5 },
  },
  {
    code: 'SPECIAL_SUPPORTED', group: 2, agency: 'SLDTBXH', tasks: [3, 7], ...pct, direction: 'HIGHER_IS_BETTER',
    nameVi: 'Tỷ lệ trẻ em có hoàn cảnh đặc biệt được trợ giúp, chăm sóc', nameEn: 'Children in special circumstances who receive support',
    numeratorVi: 'Số trẻ em có hoàn cảnh đặc biệt được trợ giúp', numeratorEn: 'Children in special circumstances supported',
    denominatorVi: 'Số trẻ em có hoàn cảnh đặc biệt', denominatorEn: 'Children in special circumstances',
    plan: [88, 92, 95], demo: { perThousand: 15, start: 87, perYear: 0.6, spread: 8 },
  },
  {
    code: 'ABUSE_RATE', group: 2, agency: 'CATP', tasks: [3, 8], ...per100k, direction: 'LOWER_IS_BETTER',
    nameVi: 'Tỷ suất trẻ em bị xâm hại', nameEn: 'Children abused',
    numeratorVi: 'Số trẻ em bị xâm hại được phát hiện', numeratorEn: 'Children found to have been abused',
    denominatorVi: 'Số trẻ em', denominatorEn: 'Children',
    plan: [16, 13, 10], demo: { perThousand: 1000, start: 15.5, perYear: -0.5, spread: 10 },
  },
  {
    code: 'DROWNING_DEATHS', group: 2, agency: 'SLDTBXH', tasks: [3, 4], ...per100k, direction: 'LOWER_IS_BETTER',
    nameVi: 'Tỷ suất trẻ em tử vong do đuối nước', nameEn: 'Child drowning deaths',
    numeratorVi: 'Số trẻ em tử vong do đuối nước', numeratorEn: 'Children who died by drowning',
    denominatorVi: 'Số trẻ em', denominatorEn: 'Children',
    plan: [7.5, 6, 4.5], demo: { perThousand: 1000, start: 7.6, perYear: -0.1, spread: 6 },
  },
  {
    code: 'INJURY_DEATHS', group: 2, agency: 'SYT', tasks: [3, 4], ...per100k, direction: 'LOWER_IS_BETTER',
    nameVi: 'Tỷ suất trẻ em tử vong do tai nạn thương tích (trừ đuối nước)', nameEn: 'Child deaths from injuries (drowning excepted)',
    numeratorVi: 'Số trẻ em tử vong do tai nạn thương tích khác', numeratorEn: 'Children who died of other injuries',
    denominatorVi: 'Số trẻ em', denominatorEn: 'Children',
    plan: [9, 7.5, 6], demo: { perThousand: 1000, start: 8.8, perYear: -0.35, spread: 5 },
  },
  // 3. Education, culture, play
  {
    code: 'PRESCHOOL_AGE5', group: 3, agency: 'SGDDT', tasks: [3], ...pct, direction: 'HIGHER_IS_BETTER',
    nameVi: 'Tỷ lệ trẻ em 5 tuổi đi học mẫu giáo', nameEn: 'Children aged 5 in pre-school',
    numeratorVi: 'Số trẻ 5 tuổi đi học mẫu giáo', numeratorEn: 'Children aged 5 attending pre-school',
    denominatorVi: 'Số trẻ 5 tuổi', denominatorEn: 'Children aged 5',
    plan: [99, 99.5, 99.8], demo: { perThousand: 60, start: 99.1, perYear: 0.08, spread: 0.8 },
  },
  {
    code: 'PRIMARY_COMPLETION', group: 3, agency: 'SGDDT', tasks: [3], ...pct, direction: 'HIGHER_IS_BETTER',
    nameVi: 'Tỷ lệ hoàn thành chương trình tiểu học', nameEn: 'Primary school completion',
    numeratorVi: 'Số học sinh hoàn thành chương trình tiểu học', numeratorEn: 'Pupils completing primary school',
    denominatorVi: 'Số học sinh lớp 5', denominatorEn: 'Pupils in grade 5',
    plan: [98, 99, 99.5], demo: { perThousand: 70, start: 98.1, perYear: 0.2, spread: 1.2 },
  },
  {
    code: 'LOWER_SECONDARY_COMPLETION', group: 3, agency: 'SGDDT', tasks: [3], ...pct, direction: 'HIGHER_IS_BETTER',
    nameVi: 'Tỷ lệ hoàn thành chương trình trung học cơ sở', nameEn: 'Lower secondary school completion',
    numeratorVi: 'Số học sinh tốt nghiệp trung học cơ sở', numeratorEn: 'Pupils completing lower secondary school',
    denominatorVi: 'Số học sinh lớp 9', denominatorEn: 'Pupils in grade 9',
    plan: [88, 92, 95], demo: { perThousand: 65, start: 88.5, perYear: 0.5, spread: 5 },
  },
  {
    code: 'SWIMMING_SAFETY', group: 3, agency: 'SGDDT', tasks: [4], ...pct, direction: 'HIGHER_IS_BETTER',
    nameVi: 'Tỷ lệ học sinh tiểu học và THCS được dạy bơi an toàn', nameEn: 'Pupils taught safe swimming',
    numeratorVi: 'Số học sinh được học bơi an toàn', numeratorEn: 'Pupils who took safe swimming lessons',
    denominatorVi: 'Số học sinh tiểu học và trung học cơ sở', denominatorEn: 'Primary and lower secondary pupils',
    plan: [35, 50, 70], demo: { perThousand: 550, start: 38, perYear: 3.5, spread: 12 },
  },
  {
    code: 'PLAY_AREAS', group: 3, agency: 'SVHTTDL', tasks: [3, 7], ...pct, direction: 'HIGHER_IS_BETTER',
    nameVi: 'Tỷ lệ phường, xã có điểm vui chơi cho trẻ em đạt chuẩn', nameEn: 'Wards and communes with a play area up to standard',
    numeratorVi: 'Số phường, xã có điểm vui chơi đạt chuẩn', numeratorEn: 'Wards and communes with a play area up to standard',
    denominatorVi: 'Số phường, xã', denominatorEn: 'Wards and communes',
    plan: [55, 70, 85], demo: { perThousand: 0, start: 52, perYear: 4, spread: 0 },
  },
  // 4. Participation
  {
    code: 'COUNCIL_PARTICIPATION', group: 4, agency: 'TDTN', tasks: [4, 7], ...pct, direction: 'HIGHER_IS_BETTER',
    nameVi: 'Tỷ lệ trẻ em từ 11 đến 15 tuổi tham gia hội đồng, diễn đàn trẻ em', nameEn: "Children aged 11–15 taking part in children's councils and forums",
    numeratorVi: 'Số trẻ 11–15 tuổi tham gia hội đồng, diễn đàn trẻ em trong năm', numeratorEn: "Children aged 11–15 who took part in a children's council or forum in the year",
    denominatorVi: 'Số trẻ em từ 11 đến 15 tuổi', denominatorEn: 'Children aged 11–15',
    plan: [8, 15, 25], demo: { perThousand: 280, start: 9, perYear: 1.1, spread: 4 },
  },
  {
    code: 'PLANS_CONSULTED', group: 4, agency: 'SLDTBXH', tasks: [1, 4], ...pct, direction: 'HIGHER_IS_BETTER',
    nameVi: 'Tỷ lệ phường, xã lấy ý kiến trẻ em khi xây dựng kế hoạch', nameEn: 'Wards and communes that consult children on their plans',
    numeratorVi: 'Số phường, xã có lấy ý kiến trẻ em', numeratorEn: 'Wards and communes that consulted children',
    denominatorVi: 'Số phường, xã', denominatorEn: 'Wards and communes',
    plan: [40, 65, 90], demo: { perThousand: 0, start: 45, perYear: 6, spread: 0 },
  },
];

/** The periods with demo data: years on the old map until 2024, the first half of 2025 too; the second half of 2025, the year 2025 and 2026 on the new map. */
export const oldMapPeriods = ['2021', '2022', '2023', '2024', '2025S1'];
export const newMapPeriods = ['2025S2', '2025', '2026'];

/**
 * The current year is still being reported: its data is with the agencies (DRAFT, open to
 * corrections), except these, sent for approval, so admins have something to approve.
 */
export const awaitingApproval = ['SWIMMING_SAFETY', 'LOWER_SECONDARY_COMPLETION'];
