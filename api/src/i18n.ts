import i18next, { type TFunction } from 'i18next';

export type Locale = 'vi' | 'en';

// Messages a child may read: short, kind, and never blaming.
const resources = {
  vi: {
    translation: {
      errors: {
        UNAUTHENTICATED: 'Em cần đăng nhập để làm việc này.',
        UNAUTHENTICATED_INVALID_TOKEN: 'Mã truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi.',
        FORBIDDEN: 'Tài khoản này không được phép làm việc này.',
        FORBIDDEN_NOT_A_MEMBER: 'Chỉ thành viên của hội đồng này mới được bỏ phiếu.',
        NOT_FOUND: 'Không tìm thấy nội dung này.',
        NOT_OPEN: 'Đề xuất này hiện không trong thời gian bỏ phiếu.',
        BAD_USER_INPUT: 'Thông tin chưa đúng: {{detail}}',
        BAD_USER_INPUT_MALFORMED_ID: 'Đường dẫn hoặc mã này không đúng.',
        BAD_USER_INPUT_VALUE: 'Có một lựa chọn hoặc giá trị chưa đúng. Em thử lại nhé.',
        BAD_USER_INPUT_TOO_COMPLEX: 'Truy vấn này quá lớn hoặc lồng quá sâu. Hãy chia thành các truy vấn nhỏ hơn.',
        BAD_USER_INPUT_DATE: 'Ngày "{{value}}" không đúng. Hãy viết theo dạng NNNN-TT-NN, ví dụ 2025-07-01.',
        BAD_USER_INPUT_UNKNOWN_SCOPE: 'Không có quyền API "{{scope}}". Các quyền có: {{scopes}}.',
        BAD_USER_INPUT_UNKNOWN_AGENCY: 'Không có cơ quan mang mã "{{code}}".',
        BAD_USER_INPUT_PURPOSE: 'Hãy nêu mục đích: một mã trong danh sách (ví dụ CASE_MANAGEMENT) và vài lời giải thích. Không ghi tên hay số định danh.',
        BAD_USER_INPUT_UNKNOWN_UNIT: 'Không có đơn vị hành chính nào đang có hiệu lực với mã này.',
        BAD_USER_INPUT_NOT_A_WARD: 'Hồ sơ trẻ em được quản lý ở cấp phường, xã.',
        BAD_USER_INPUT_SEARCH: 'Tìm theo họ tên (ít nhất 2 ký tự) hoặc theo đủ 12 chữ số của số định danh cá nhân.',
        BAD_USER_INPUT_PERSONAL_NUMBER: 'Số định danh cá nhân không hợp lệ: cần đủ 12 chữ số, khớp với năm sinh và giới tính.',
        BAD_USER_INPUT_PAGE_SIZE: 'Mỗi trang có từ 1 đến {{max}} mục, chỉ đi tiếp theo chiều `first`/`after`.',
        BAD_USER_INPUT_EXPORT_PASSWORD: 'Mật khẩu của tệp xuất cần dài từ 12 đến 128 ký tự.',
        BAD_USER_INPUT_EXPORT_TOO_LARGE: 'Mỗi lần xuất được tối đa {{max}} hồ sơ. Hãy lọc theo đơn vị hoặc nhóm.',
        FORBIDDEN_IDENTITY: 'Việc này cần quyền xem thông tin định danh của trẻ em.',
        FORBIDDEN_OUT_OF_SCOPE: 'Đơn vị này nằm ngoài phạm vi được giao cho tài khoản.',
        CONFLICT: 'Hồ sơ vừa được người khác thay đổi. Hãy tải lại rồi thử lại.',
        CONFLICT_DUPLICATE: 'Số định danh này đã có trong sổ theo dõi.',
        INVALID_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu chưa đúng. Em thử lại nhé.',
        RATE_LIMITED: 'Em đã thử quá nhiều lần. Hãy đợi {{minutes}} phút rồi thử lại.',
        INTERNAL: 'Đã có lỗi xảy ra. Em thử lại sau nhé.',
      },
    },
  },
  en: {
    translation: {
      errors: {
        UNAUTHENTICATED: 'Please sign in to do this.',
        UNAUTHENTICATED_INVALID_TOKEN: 'The API token is not valid, has expired or has been revoked.',
        FORBIDDEN: 'This account is not allowed to do this.',
        FORBIDDEN_NOT_A_MEMBER: 'Only members of this council can vote.',
        NOT_FOUND: 'We could not find this.',
        NOT_OPEN: 'This proposal is not open for voting right now.',
        BAD_USER_INPUT: 'Something is not right: {{detail}}',
        BAD_USER_INPUT_MALFORMED_ID: 'This link or id is not right.',
        BAD_USER_INPUT_VALUE: 'A choice or value is not right. Please try again.',
        BAD_USER_INPUT_TOO_COMPLEX: 'This query is too large or nested too deep. Please split it into smaller ones.',
        BAD_USER_INPUT_DATE: 'The date "{{value}}" is not right. Write it as YYYY-MM-DD, e.g. 2025-07-01.',
        BAD_USER_INPUT_UNKNOWN_SCOPE: 'There is no API scope "{{scope}}". The scopes are: {{scopes}}.',
        BAD_USER_INPUT_UNKNOWN_AGENCY: 'There is no agency with the code "{{code}}".',
        BAD_USER_INPUT_PURPOSE: 'State a purpose: a code from the list (e.g. CASE_MANAGEMENT) and a few words. No names or numbers.',
        BAD_USER_INPUT_UNKNOWN_UNIT: 'There is no administrative unit in force with this code.',
        BAD_USER_INPUT_NOT_A_WARD: "Children's records are kept at ward or commune level.",
        BAD_USER_INPUT_SEARCH: 'Search by name (at least 2 characters) or by all 12 digits of a personal identification number.',
        BAD_USER_INPUT_PERSONAL_NUMBER: 'This personal identification number is not valid: it needs 12 digits that match the birth year and sex.',
        BAD_USER_INPUT_PAGE_SIZE: 'A page holds 1 to {{max}} items, paged forward with `first`/`after`.',
        BAD_USER_INPUT_EXPORT_PASSWORD: "The export's password must be 12 to 128 characters long.",
        BAD_USER_INPUT_EXPORT_TOO_LARGE: 'One export holds at most {{max}} records. Filter by unit or group.',
        FORBIDDEN_IDENTITY: "This needs the right to see children's identities.",
        FORBIDDEN_OUT_OF_SCOPE: "This unit is outside the account's scope.",
        CONFLICT: 'Someone else has just changed this record. Reload it and try again.',
        CONFLICT_DUPLICATE: 'This personal identification number is already in the register.',
        INVALID_CREDENTIALS: 'The username or password is not right. Please try again.',
        RATE_LIMITED: 'Too many tries. Please wait {{minutes}} minutes and try again.',
        INTERNAL: 'Something went wrong. Please try again later.',
      },
    },
  },
} as const;

const i18n = i18next.createInstance();
await i18n.init({ resources, lng: 'vi', fallbackLng: 'vi', initAsync: false, showSupportNotice: false, interpolation: { escapeValue: false } });

export function translator(locale: Locale): TFunction {
  return i18n.getFixedT(locale);
}

/** A refusal in the reader's language: the message for its reason if there is one, else its code's. */
export function refusalMessage(t: TFunction, refusal: { code: string; reason?: string; params: Record<string, string | number> }): string {
  const key = refusal.reason ? `errors.${refusal.code}_${refusal.reason}` : `errors.${refusal.code}`;
  return t([key, `errors.${refusal.code}`], refusal.params);
}

/** Vietnamese unless the client prefers English (Accept-Language), as the web and agencies send it. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}
