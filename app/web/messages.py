"""What the shared pages' scripts say by themselves, in Vietnamese (handed to them on their
<script> tags by web/_scripts.html)."""

FORM_SCRIPT = {
    "unsaved-question": "Bạn có thay đổi chưa lưu trên trang này. Rời trang và bỏ các thay đổi?",
}
