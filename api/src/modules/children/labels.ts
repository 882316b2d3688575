import type { CircumstanceGroup } from '@treem/db/client';

/**
 * The groups of children in special circumstances, Law on Children No. 102/2016/QH13, article
 * 10(1), with the law's own point letters and wording (English: our translation).
 */
export const CIRCUMSTANCE_GROUPS: Record<CircumstanceGroup, { point: string; vi: string; en: string }> = {
  ORPHANED: { point: 'a', vi: 'Trẻ em mồ côi cả cha và mẹ', en: 'Children who have lost both parents' },
  ABANDONED: { point: 'b', vi: 'Trẻ em bị bỏ rơi', en: 'Abandoned children' },
  WITHOUT_CARE: { point: 'c', vi: 'Trẻ em không nơi nương tựa', en: 'Children with no one to rely on' },
  DISABILITY: { point: 'd', vi: 'Trẻ em khuyết tật', en: 'Children with disabilities' },
  HIV_AIDS: { point: 'đ', vi: 'Trẻ em nhiễm HIV/AIDS', en: 'Children living with HIV/AIDS' },
  IN_CONFLICT_WITH_LAW: { point: 'e', vi: 'Trẻ em vi phạm pháp luật', en: 'Children in conflict with the law' },
  DRUG_ADDICTION: { point: 'g', vi: 'Trẻ em nghiện ma túy', en: 'Children addicted to drugs' },
  WORKING_OUT_OF_SCHOOL: { point: 'h', vi: 'Trẻ em phải bỏ học kiếm sống chưa hoàn thành phổ cập giáo dục trung học cơ sở', en: 'Children who left school to earn a living before completing lower secondary education' },
  SERIOUSLY_HARMED_BY_VIOLENCE: { point: 'i', vi: 'Trẻ em bị tổn hại nghiêm trọng về thể chất và tinh thần do bị bạo lực', en: 'Children seriously harmed in body and mind by violence' },
  EXPLOITED: { point: 'k', vi: 'Trẻ em bị bóc lột', en: 'Exploited children' },
  SEXUALLY_ABUSED: { point: 'l', vi: 'Trẻ em bị xâm hại tình dục', en: 'Sexually abused children' },
  TRAFFICKED: { point: 'm', vi: 'Trẻ em bị mua bán', en: 'Trafficked children' },
  SERIOUSLY_ILL_POOR_HOUSEHOLD: { point: 'n', vi: 'Trẻ em mắc bệnh hiểm nghèo hoặc bệnh phải điều trị dài ngày thuộc hộ nghèo hoặc hộ cận nghèo', en: 'Children with a life-threatening or long-term illness in a poor or near-poor household' },
  MIGRANT_OR_REFUGEE_UNACCOMPANIED: { point: 'o', vi: 'Trẻ em di cư, trẻ em lánh nạn, tị nạn chưa xác định được cha mẹ hoặc không có người chăm sóc', en: 'Migrant, displaced or refugee children whose parents are unknown or who have no carer' },
};
