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
        BAD_USER_INPUT_PERIOD: 'Kỳ "{{value}}" không đúng. Hãy viết năm (2025), nửa năm (2025S1), quý (2025Q3) hoặc tháng (202507).',
        BAD_USER_INPUT_SEX: 'Mã giới tính "{{value}}" không đúng. Các mã: {{codes}}.',
        BAD_USER_INPUT_AGE_BAND: 'Mã nhóm tuổi "{{value}}" không đúng. Các mã: {{codes}}.',
        BAD_USER_INPUT_RETURN_REASON: 'Hãy ghi lý do trả lại để cơ quan biết cần sửa gì.',
        BAD_USER_INPUT_DATA_FILE: 'Không đọc được tệp {{kind}}. Hãy dùng dòng tiêu đề indicatorCode,unitCode,period,numerator,denominator,sex,ageBand (hoặc các cột SDMX-CSV).',
        BAD_USER_INPUT_FILTER: 'Bộ lọc "{{name}}" không đúng: {{detail}}',
        NOT_FOUND_INDICATOR: 'Không có chỉ tiêu mang mã "{{code}}".',
        NOT_FOUND_UNIT: 'Không có đơn vị hành chính mang mã "{{code}}".',
        FORBIDDEN_IDENTITY: 'Việc này cần quyền xem thông tin định danh của trẻ em.',
        FORBIDDEN_OUT_OF_SCOPE: 'Đơn vị này nằm ngoài phạm vi được giao cho tài khoản.',
        CONFLICT: 'Hồ sơ vừa được người khác thay đổi. Hãy tải lại rồi thử lại.',
        CONFLICT_DUPLICATE: 'Số định danh này đã có trong sổ theo dõi.',
        INVALID_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu chưa đúng. Em thử lại nhé.',
        BAD_USER_INPUT_INVALID_TEXT: 'Có chữ hoặc ký tự không dùng được. Em xem lại rồi thử lại nhé.',
        BAD_USER_INPUT_TOO_LONG: 'Có một nội dung quá dài (tối đa {{max}} ký tự).',
        BAD_USER_INPUT_TOO_MANY_VALUES: 'Yêu cầu có quá nhiều giá trị (tối đa {{max}}).',
        BAD_USER_INPUT_TOO_BIG: '{{field}} lớn nhất là {{max}}.',
        BAD_USER_INPUT_TOO_SMALL: '{{field}} nhỏ nhất là {{min}}.',
        BAD_USER_INPUT_TOO_LONG_FIELD: '{{field}} dài tối đa {{max}} ký tự.',
        BAD_USER_INPUT_TOO_SHORT_FIELD: '{{field}} cần ít nhất {{min}} ký tự.',
        BAD_USER_INPUT_INVALID_FIELD: '{{field}} chưa đúng.',
        BAD_USER_INPUT_PAGE_ARGS: 'Hãy dùng first với after, hoặc last với before.',
        BAD_USER_INPUT_MALFORMED_CURSOR: 'Vị trí trang này không đúng. Hãy tải lại danh sách từ đầu.',
        FORBIDDEN_INTROSPECTION: 'Chỉ tài khoản người lớn và hệ thống của cơ quan mới được xem cấu trúc API.',
        UNAUTHENTICATED_INTROSPECTION: 'Hãy đăng nhập bằng tài khoản người lớn để xem cấu trúc API.',
        FORBIDDEN_NOT_MODERATOR: 'Chỉ người phụ trách hội đồng của bạn nhỏ này mới làm được việc này.',
        RATE_LIMITED: 'Có quá nhiều lần thử. Hãy đợi {{wait}} rồi thử lại.',
        RATE_LIMITED_CHILD: 'Để giữ an toàn cho tài khoản của em, hãy đợi {{wait}} rồi thử lại nhé. Nếu quên mật khẩu, em hỏi anh chị phụ trách hội đồng.',
        RATE_LIMITED_ADULT: 'Tài khoản này tạm dừng đăng nhập từ địa chỉ của bạn sau nhiều lần nhập sai. Hãy thử lại sau {{wait}}, hoặc nhờ quản trị viên đặt lại mật khẩu.',
        RATE_LIMITED_ADDRESS: 'Có quá nhiều lần đăng nhập chưa đúng từ mạng này. Hãy đợi {{wait}} rồi thử lại.',
        INTERNAL: 'Đã có lỗi xảy ra. Em thử lại sau nhé.',
        BAD_REQUEST: 'Yêu cầu gửi tới máy chủ chưa đúng định dạng.',
        BAD_REQUEST_MALFORMED_JSON: 'Nội dung yêu cầu không phải JSON hợp lệ.',
        BAD_REQUEST_BATCHING: 'Mỗi yêu cầu chỉ gửi một thao tác GraphQL (không gộp nhiều thao tác trong một mảng).',
        BAD_REQUEST_CSRF: 'Yêu cầu GET cần tiêu đề "apollo-require-preflight" (chống giả mạo yêu cầu). Hãy dùng POST với Content-Type: application/json.',
        BAD_REQUEST_MISSING_QUERY: 'Yêu cầu cần có trường "query" là một chuỗi GraphQL.',
        BAD_REQUEST_INVALID_PARAMS: 'Các trường của yêu cầu chưa đúng: "variables" và "extensions" là đối tượng, "operationName" là chuỗi.',
        BAD_REQUEST_PERSISTED_QUERY: 'Máy chủ không nhận truy vấn lưu sẵn (persisted query). Hãy gửi cả chuỗi truy vấn.',
        METHOD_NOT_ALLOWED: 'Địa chỉ /graphql chỉ nhận GET và POST.',
        METHOD_NOT_ALLOWED_GET_MUTATION: 'Thao tác thay đổi dữ liệu (mutation) phải gửi bằng POST.',
        NOT_ACCEPTABLE: 'Máy chủ chỉ trả lời bằng JSON (Accept: application/json).',
        PAYLOAD_TOO_LARGE: 'Yêu cầu quá lớn (tối đa {{limit}}).',
        UNSUPPORTED_MEDIA_TYPE: 'Hãy gửi yêu cầu với Content-Type: application/json.',
        UNSUPPORTED_MEDIA_TYPE_CHARSET: 'Máy chủ chỉ nhận bảng mã UTF-8.',
        UNSUPPORTED_MEDIA_TYPE_ENCODING: 'Máy chủ không nhận kiểu nén này (Content-Encoding).',
        UNAVAILABLE: 'Hệ thống đang khởi động hoặc tạm dừng. Hãy thử lại sau một lát.',
        GRAPHQL_PARSE_FAILED: 'Truy vấn GraphQL viết chưa đúng cú pháp.',
        GRAPHQL_VALIDATION_FAILED: 'Truy vấn GraphQL không khớp với lược đồ API.',
        OPERATION_RESOLUTION_FAILURE: 'Không xác định được thao tác cần chạy: hãy gửi đúng "operationName".',
      },
      dataImport: {
        UNKNOWN_INDICATOR: 'Không có chỉ tiêu mang mã "{{code}}".',
        UNKNOWN_UNIT: 'Không có đơn vị hành chính mang mã "{{code}}".',
        BAD_PERIOD: 'Kỳ "{{value}}" không đúng (ví dụ 2025, 2025S1, 2025Q3, 202507).',
        BAD_SEX: 'Mã giới tính "{{value}}" không đúng (các mã: {{codes}}).',
        BAD_AGE_BAND: 'Mã nhóm tuổi "{{value}}" không đúng (các mã: {{codes}}).',
        BAD_NUMBER: 'Tử số và mẫu số phải là số không âm, mẫu số lớn hơn 0.',
        NUMERATOR_ABOVE_DENOMINATOR: 'Với chỉ tiêu tỷ lệ phần trăm, tử số không được lớn hơn mẫu số.',
        NOT_A_WARD: 'Số liệu được báo cáo ở cấp phường, xã; "{{code}}" là cấp trên và được tổng hợp tự động.',
        UNIT_NOT_IN_PERIOD: 'Đơn vị "{{code}}" không có hiệu lực vào ngày cuối của kỳ {{period}} (kỳ được báo cáo theo bản đồ hành chính của ngày cuối kỳ).',
        NOT_YOUR_INDICATOR: 'Chỉ tiêu "{{code}}" do cơ quan khác báo cáo.',
        LOCKED: 'Số liệu của chỉ tiêu và kỳ này đang khóa ({{state}}).',
        DUPLICATE: 'Giá trị này đã có ở một dòng trước trong cùng lần gửi.',
        states: { DRAFT: 'bản nháp', SUBMITTED: 'đã gửi, chờ duyệt', APPROVED: 'đã duyệt', RETURNED: 'bị trả lại' },
      },
      duration: {
        seconds_other: '{{count}} giây',
        minutes_other: '{{count}} phút',
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
        BAD_USER_INPUT_PERIOD: 'The period "{{value}}" is not right. Write a year (2025), a half (2025S1), a quarter (2025Q3) or a month (202507).',
        BAD_USER_INPUT_SEX: 'The sex code "{{value}}" is not right. The codes are: {{codes}}.',
        BAD_USER_INPUT_AGE_BAND: 'The age band "{{value}}" is not right. The codes are: {{codes}}.',
        BAD_USER_INPUT_RETURN_REASON: 'Give a reason for returning it, so the agency knows what to correct.',
        BAD_USER_INPUT_DATA_FILE: 'The {{kind}} file could not be read. Use the header indicatorCode,unitCode,period,numerator,denominator,sex,ageBand (or the SDMX-CSV columns).',
        BAD_USER_INPUT_FILTER: 'The filter "{{name}}" is not right: {{detail}}',
        NOT_FOUND_INDICATOR: 'There is no indicator with the code "{{code}}".',
        NOT_FOUND_UNIT: 'There is no administrative unit with the code "{{code}}".',
        FORBIDDEN_IDENTITY: "This needs the right to see children's identities.",
        FORBIDDEN_OUT_OF_SCOPE: "This unit is outside the account's scope.",
        CONFLICT: 'Someone else has just changed this record. Reload it and try again.',
        CONFLICT_DUPLICATE: 'This personal identification number is already in the register.',
        INVALID_CREDENTIALS: 'The username or password is not right. Please try again.',
        BAD_USER_INPUT_INVALID_TEXT: 'Some text has characters that cannot be used. Please check it and try again.',
        BAD_USER_INPUT_TOO_LONG: 'Some text is too long (at most {{max}} characters).',
        BAD_USER_INPUT_TOO_MANY_VALUES: 'The request has too many values (at most {{max}}).',
        BAD_USER_INPUT_TOO_BIG: '{{field}} can be at most {{max}}.',
        BAD_USER_INPUT_TOO_SMALL: '{{field}} must be at least {{min}}.',
        BAD_USER_INPUT_TOO_LONG_FIELD: '{{field}} can be at most {{max}} characters long.',
        BAD_USER_INPUT_TOO_SHORT_FIELD: '{{field}} needs at least {{min}} characters.',
        BAD_USER_INPUT_INVALID_FIELD: '{{field}} is not right.',
        BAD_USER_INPUT_PAGE_ARGS: 'Use first with after, or last with before.',
        BAD_USER_INPUT_MALFORMED_CURSOR: 'This page position is not right. Please load the list again from the start.',
        FORBIDDEN_INTROSPECTION: 'Only adult accounts and agency systems may read the API schema.',
        UNAUTHENTICATED_INTROSPECTION: 'Sign in with an adult account to read the API schema.',
        FORBIDDEN_NOT_MODERATOR: 'Only a moderator of this child’s council can do this.',
        RATE_LIMITED: 'Too many tries. Please wait {{wait}} and try again.',
        RATE_LIMITED_CHILD: 'To keep your account safe, please wait {{wait}} and try again. If you forgot your password, ask the adult who runs your council.',
        RATE_LIMITED_ADULT: 'Sign-in to this account from your address is paused after several wrong passwords. Try again in {{wait}}, or ask an administrator to reset the password.',
        RATE_LIMITED_ADDRESS: 'Too many unsuccessful sign-ins from this network. Please wait {{wait}} and try again.',
        INTERNAL: 'Something went wrong. Please try again later.',
        BAD_REQUEST: 'The request is not in a form the server understands.',
        BAD_REQUEST_MALFORMED_JSON: 'The request body is not valid JSON.',
        BAD_REQUEST_BATCHING: 'Send one GraphQL operation per request (batches in an array are not accepted).',
        BAD_REQUEST_CSRF: 'A GET request needs the "apollo-require-preflight" header (cross-site request forgery protection). Or POST with Content-Type: application/json.',
        BAD_REQUEST_MISSING_QUERY: 'The request needs a "query" field holding a GraphQL string.',
        BAD_REQUEST_INVALID_PARAMS: 'The request fields are not right: "variables" and "extensions" are objects, "operationName" is a string.',
        BAD_REQUEST_PERSISTED_QUERY: 'Persisted queries are not supported. Please send the query text.',
        METHOD_NOT_ALLOWED: '/graphql accepts only GET and POST.',
        METHOD_NOT_ALLOWED_GET_MUTATION: 'Mutations must be sent with POST.',
        NOT_ACCEPTABLE: 'The server answers only in JSON (Accept: application/json).',
        PAYLOAD_TOO_LARGE: 'The request is too large (at most {{limit}}).',
        UNSUPPORTED_MEDIA_TYPE: 'Please send the request with Content-Type: application/json.',
        UNSUPPORTED_MEDIA_TYPE_CHARSET: 'The server accepts UTF-8 only.',
        UNSUPPORTED_MEDIA_TYPE_ENCODING: 'The server does not accept this Content-Encoding.',
        UNAVAILABLE: 'The service is starting or stopping. Please try again shortly.',
        GRAPHQL_PARSE_FAILED: 'The GraphQL query has a syntax error.',
        GRAPHQL_VALIDATION_FAILED: 'The GraphQL query does not match the API schema.',
        OPERATION_RESOLUTION_FAILURE: 'Could not tell which operation to run: please send the right "operationName".',
      },
      dataImport: {
        UNKNOWN_INDICATOR: 'There is no indicator with the code "{{code}}".',
        UNKNOWN_UNIT: 'There is no administrative unit with the code "{{code}}".',
        BAD_PERIOD: 'The period "{{value}}" is not right (e.g. 2025, 2025S1, 2025Q3, 202507).',
        BAD_SEX: 'The sex code "{{value}}" is not right (codes: {{codes}}).',
        BAD_AGE_BAND: 'The age band "{{value}}" is not right (codes: {{codes}}).',
        BAD_NUMBER: 'The numerator and denominator must be numbers of zero or more, the denominator above 0.',
        NUMERATOR_ABOVE_DENOMINATOR: 'For a percentage, the numerator cannot be larger than the denominator.',
        NOT_A_WARD: 'Data is reported by wards and communes; "{{code}}" is above them and is rolled up automatically.',
        UNIT_NOT_IN_PERIOD: 'The unit "{{code}}" is not in force on the last day of {{period}} (a period is reported on the map of its last day).',
        NOT_YOUR_INDICATOR: 'The indicator "{{code}}" is reported by another agency.',
        LOCKED: 'The data of this indicator and period is locked ({{state}}).',
        DUPLICATE: 'This value already appears in an earlier row of the same submission.',
        states: { DRAFT: 'draft', SUBMITTED: 'submitted, awaiting approval', APPROVED: 'approved', RETURNED: 'returned' },
      },
      duration: {
        seconds_one: '{{count}} second',
        seconds_other: '{{count}} seconds',
        minutes_one: '{{count}} minute',
        minutes_other: '{{count}} minutes',
      },
    },
  },
} as const;

const i18n = i18next.createInstance();
await i18n.init({ resources, lng: 'vi', fallbackLng: 'vi', initAsync: false, showSupportNotice: false, interpolation: { escapeValue: false } });

export function translator(locale: Locale): TFunction {
  return i18n.getFixedT(locale);
}

/** A wait in words: seconds below two minutes, whole minutes (rounded up) above. */
export function formatWait(t: TFunction, seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  return whole < 120 ? t('duration.seconds', { count: whole }) : t('duration.minutes', { count: Math.ceil(whole / 60) });
}

/**
 * A refusal in the reader's language: the message for its reason if there is one, else its
 * code's; a `retryAfter` (seconds) is also given to the message as `wait`, in words.
 */
export function refusalMessage(t: TFunction, refusal: { code: string; reason?: string; params: Record<string, string | number> }): string {
  const key = refusal.reason ? `errors.${refusal.code}_${refusal.reason}` : `errors.${refusal.code}`;
  const { retryAfter } = refusal.params;
  const params = retryAfter === undefined ? refusal.params : { ...refusal.params, wait: formatWait(t, Number(retryAfter)) };
  return t([key, `errors.${refusal.code}`], params);
}

/** Vietnamese unless the client prefers English (Accept-Language), as the web and agencies send it. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}
