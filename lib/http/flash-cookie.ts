export const FLASH_COOKIE = "confide.flash";
